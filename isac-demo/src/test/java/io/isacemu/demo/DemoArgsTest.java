package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.experiments.Endpoints;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoArgsTest {

  private static final Map<String, String> NO_ENV = Map.of();

  private static DemoArgs parse(String... args) {
    return DemoArgs.parse(args, NO_ENV);
  }

  @Test
  void argumentsAreValidatedByName() {
    assertThat(DemoArgs.options(new String[] {"--samples", "10"})).containsEntry("samples", "10");
    assertThatThrownBy(() -> DemoArgs.options(new String[] {"--sample", "10"})).hasMessageContaining("--sample");
    assertThatThrownBy(() -> DemoArgs.options(new String[] {"--samples"})).hasMessageContaining("--samples");
    assertThatThrownBy(() -> DemoArgs.positive("samples", "0")).hasMessageContaining("samples: 0");
    assertThatThrownBy(() -> DemoArgs.positive("epochs", "x")).hasMessageContaining("epochs: 'x'");
    assertThatThrownBy(() -> DemoArgs.lambda("big")).hasMessageContaining("lambda: 'big'");
    assertThatThrownBy(() -> DemoArgs.local(Path.of("."), Path.of("."), 1, 1, 0.2))
        .hasMessageContaining("lambda: 0.2");
  }

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    DemoArgs a = parse("--repo", "/tmp/r");
    assertThat(a.repo()).isEqualTo(Path.of("/tmp/r"));
    assertThat(a.out()).isEqualTo(Path.of("/tmp/r/results"));
    assertThat(a.samples()).isEqualTo(200);
    assertThat(a.epochs()).isEqualTo(20);
    assertThat(a.deployLambda()).isEqualTo(0.5);
    assertThat(a.attach()).isEmpty();
    assertThat(a.apiKey()).isNotBlank();
  }

  @Test
  void eachBadValueIsReportedWithItsOptionAndValue() {
    assertThatThrownBy(() -> parse("--samples", "many")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samples: 'many' is not an integer");
    assertThatThrownBy(() -> parse("--samples", "601"))
        .hasMessage("samples: 601 exceeds the 600 test samples of the embedded default");
    assertThatThrownBy(() -> parse("--epochs", "-1")).hasMessage("epochs: -1 must be >= 1");
    assertThatThrownBy(() -> parse("--lambda", "0.2")).hasMessage("lambda: 0.2 is not one of [0.0, 0.3, 0.5, 0.7, 1.0]");
    assertThatThrownBy(() -> parse("--lambda", "half")).hasMessage("lambda: 'half' is not a number");
    assertThatThrownBy(() -> parse("--help")).hasMessage("arguments: expected --name value pairs, got '--help'");
    assertThatThrownBy(() -> parse("--foo", "1")).hasMessage(
        "arguments: unknown option '--foo' (known: --samples --epochs --lambda --out --repo --training-url --bs-url --api-key --dataset --drop-all-zero-text --format --clip-labels --splits)");
  }

  @Test
  void aPickleDatasetIsPassedAlikeToEveryService(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("mosei.pkl"), "x");
    DemoArgs a = parse("--dataset", file.toString(), "--drop-all-zero-text", "true", "--samples", "4000");
    assertThat(a.samples()).isEqualTo(4000); // checked against the BS's test size once it runs
    DemoDataset d = a.dataset();
    assertThat(d.trainingJobDataset()).containsEntry("type", "pickle").containsEntry("path", "mosei.pkl")
        .containsEntry("dropAllZeroText", true);
    assertThat(d.trainingArgs()).containsExactly("--isac.training.data-dir=" + dir.toAbsolutePath());
    assertThat(d.serviceArgs("--isac.bs.dataset.")).containsExactly("--isac.bs.dataset.source=pickle",
        "--isac.bs.dataset.path=" + file.toAbsolutePath(), "--isac.bs.dataset.drop-all-zero-text=true",
        "--isac.bs.dataset.format=auto", "--isac.bs.dataset.clip-labels=false");
    assertThat(d.serviceArgs("--isac.device.dataset.")).hasSize(5);
    DemoDataset mmsa = parse("--dataset", file.toString(), "--format", "mmsa", "--clip-labels", "true").dataset();
    assertThat(mmsa.serviceArgs("--isac.bs.dataset.")).contains("--isac.bs.dataset.format=mmsa",
        "--isac.bs.dataset.clip-labels=true");
    assertThat(mmsa.trainingJobDataset()).containsEntry("format", "mmsa").containsEntry("clipLabels", true);
    assertThatThrownBy(() -> parse("--dataset", file.toString(), "--format", "csv"))
        .hasMessageStartingWith("format: 'csv' must be auto, multibench or mmsa");
    assertThatThrownBy(() -> parse("--dataset", file.toString(), "--clip-labels", "maybe"))
        .hasMessage("clip-labels: 'maybe' must be true or false");
    assertThatThrownBy(() -> parse("--format", "mmsa")).hasMessage("format: only meaningful with --dataset");
    DemoDataset dev = parse("--dataset", file.toString(), "--splits", "valid=dev").dataset();
    assertThat(dev.serviceArgs("--isac.bs.dataset.")).contains("--isac.bs.dataset.splits.valid=dev");
    assertThat(dev.trainingJobDataset()).containsEntry("splits", java.util.Map.of("valid", "dev"));
    assertThatThrownBy(() -> parse("--dataset", file.toString(), "--splits", "dev"))
        .hasMessage("splits: 'dev' must be role=key pairs, e.g. valid=dev,test=test");
    assertThatThrownBy(() -> parse("--dataset", file.toString(), "--splits", "eval=dev"))
        .hasMessage("splits.eval: 'eval' is no split (expected train, valid or test)");
    assertThat(parse().dataset()).isEqualTo(DemoDataset.SYNTHETIC);
    assertThat(DemoDataset.SYNTHETIC.serviceArgs("--isac.bs.dataset.")).isEmpty();
  }

  @Test
  void badDatasetOptionsNameTheOptionAndValue() {
    assertThatThrownBy(() -> parse("--dataset", "/no/such/file.pkl"))
        .hasMessage("dataset: '/no/such/file.pkl' is not a readable file");
    assertThatThrownBy(() -> parse("--dataset", "/no/such/file.pkl", "--drop-all-zero-text", "yes"))
        .hasMessage("drop-all-zero-text: 'yes' must be true or false");
    assertThatThrownBy(() -> parse("--drop-all-zero-text", "true"))
        .hasMessage("drop-all-zero-text: only meaningful with --dataset");
  }

  @Test
  void attachModeNeedsBothUrlsAndValidatesThem() {
    assertThat(DemoArgs.attach(DemoArgs.options(new String[] {"--samples", "5"}))).isEmpty();
    assertThat(DemoArgs.attach(DemoArgs.options(new String[] {
        "--training-url", "http://training-service:8082/", "--bs-url", "http://bs-service:8080"})))
        .hasValue(new Endpoints("http://training-service:8082", "http://bs-service:8080"));
    assertThatThrownBy(() -> DemoArgs.attach(DemoArgs.options(new String[] {"--bs-url", "http://bs:8080"})))
        .hasMessageContaining("training-url: missing");
    assertThatThrownBy(() -> DemoArgs.attach(DemoArgs.options(new String[] {
        "--training-url", "ftp://x:1", "--bs-url", "http://bs:8080"})))
        .hasMessageContaining("training-url: 'ftp://x:1'");
    assertThatThrownBy(() -> DemoArgs.attach(DemoArgs.options(new String[] {
        "--training-url", "http://t:1", "--bs-url", "http://bad host"})))
        .hasMessageContaining("bs-url: 'http://bad host'");
  }

  @Test
  void attachModeTakesTheKeyFromTheOptionOrTheEnvironmentAndNeedsOne() {
    String[] attach = {"--training-url", "http://t:1", "--bs-url", "http://b:2"};
    assertThatThrownBy(() -> DemoArgs.parse(attach, NO_ENV)).hasMessageStartingWith("api-key: empty");
    assertThat(DemoArgs.parse(attach, Map.of("BS_API_KEY", "from-env")).apiKey()).isEqualTo("from-env");
    String[] withKey = {"--training-url", "http://t:1", "--bs-url", "http://b:2", "--api-key", "given"};
    DemoArgs a = DemoArgs.parse(withKey, Map.of("BS_API_KEY", "from-env"));
    assertThat(a.apiKey()).isEqualTo("given");
    assertThat(a.attach()).hasValue(new Endpoints("http://t:1", "http://b:2"));
    assertThat(a.toString()).doesNotContain("given");
  }

  @Test
  void aScenarioFileComesFirstAndTheGivenOptionsAreKnown() {
    DemoArgs a = parse("scenarios/bandwidth-sweep.yaml", "--samples", "20", "--repo", "/tmp/r");
    assertThat(a.scenario()).hasValueSatisfying(
        p -> assertThat(p.isAbsolute() && p.endsWith(Path.of("scenarios/bandwidth-sweep.yaml"))).isTrue());
    assertThat(a.given()).containsExactlyInAnyOrder("samples", "repo");
    assertThat(a.overrides().samples()).as("given: overrides the file").hasValue(20);
    assertThat(a.overrides().epochs()).as("not given: the file's value").isEqualTo(Optional.empty());
    assertThat(parse("x.yaml", "--lambda", "0.3", "--epochs", "2").overrides().deployLambda()).hasValue(0.3);
    assertThat(parse("--samples", "20").scenario()).isEmpty();
    assertThat(parse("--repo", "/tmp/r", "x.yaml").scenario()).hasValueSatisfying(
        p -> assertThat(p.endsWith(Path.of("x.yaml"))).isTrue());
    assertThatThrownBy(() -> parse("a.yaml", "b.yaml")).hasMessageContaining("one scenario file at most");
    assertThatThrownBy(() -> parse("s.yaml", "--training-url", "http://t:1", "--bs-url", "http://b:2"))
        .hasMessageContaining("does not take a scenario");
  }
}
