package io.isacemu.bs.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.isacemu.bs.BsServiceApplication;
import io.isacemu.data.DatasetSettings;
import io.isacemu.data.MultimodalDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The BS serves a pickle named by the same keys as the devices' ({@code dataset.source/path/format}),
 * with the same fingerprint a device loading the same file computes; an unreadable file stops the
 * start naming the key and the file.
 */
class PickleDatasetTest {

  private static final Path FIXTURE = Path.of("../isac-data/src/test/resources/fixtures/multibench_f32.pkl");

  private static ConfigurableApplicationContext start(String path) {
    return new SpringApplicationBuilder(BsServiceApplication.class).run("--server.port=0", "--isac.bs.grpc-port=0",
        "--isac.bs.registry-target=", "--isac.bs.dataset.source=pickle", "--isac.bs.dataset.path=" + path,
        "--spring.main.banner-mode=off", "--logging.level.root=WARN");
  }

  @Test
  void aPickleDatasetIsServedWithTheFingerprintADeviceComputes() throws Exception {
    MultimodalDataset asADeviceLoadsIt = new DatasetSettings("pickle", null, null, null, null, null, null, null, null,
        null, null, FIXTURE.toString(), "auto", null, null, null, null, null).load();
    try (ConfigurableApplicationContext bs = start(FIXTURE.toString())) {
      DatasetCatalog catalog = bs.getBean(DatasetCatalog.class);
      assertThat(catalog.fingerprint()).isEqualTo(asADeviceLoadsIt.fingerprint());
      assertThat(catalog.testIds()).hasSize(asADeviceLoadsIt.test().size());
      assertThat(catalog.sequenceLengths())
          .isEqualTo(asADeviceLoadsIt.test().sequenceLengths(asADeviceLoadsIt.test().modalities()));
      assertSameCatalog(catalog, DatasetCatalog.of(asADeviceLoadsIt));
      // over real HTTP, without a key (reads are open): what a client addresses tasks by
      String base = "http://127.0.0.1:" + bs.getEnvironment().getProperty("local.server.port");
      JsonNode d = getJson(base + "/api/dataset", 200);
      assertThat(d.path("source").asText()).isEqualTo("pickle");
      assertThat(d.path("fingerprint").asText()).isEqualTo(asADeviceLoadsIt.fingerprint());
      assertThat(d.path("testSize").asInt()).isEqualTo(asADeviceLoadsIt.test().size());
      assertThat(d.path("sequenceLengths").path("audio").asInt())
          .isEqualTo(asADeviceLoadsIt.test().sequenceLength(io.isacemu.core.modality.Modality.AUDIO));
      assertThat(d.path("name").asText()).isEqualTo(asADeviceLoadsIt.name());
      assertThat(d.path("featureDims").path("text").asInt()).isEqualTo(asADeviceLoadsIt.test().featureDim(
          io.isacemu.core.modality.Modality.TEXT));
      int n = asADeviceLoadsIt.test().size();
      assertThat(n).isGreaterThan(1);
      JsonNode ids = getJson(base + "/api/dataset/test-ids?offset=1&limit=5", 200);
      assertThat(ids).hasSize(Math.min(5, n - 1)); // the page ends with the split
      for (int i = 0; i < ids.size(); i++) {
        assertThat(ids.get(i).asText()).isEqualTo(asADeviceLoadsIt.test().id(1 + i));
      }
      assertThat(getJson(base + "/api/dataset/test-ids?offset=" + n + "&limit=5", 200)).isEmpty();
      assertThat(getJson(base + "/api/dataset/test-ids?limit=0", 400).toString()).contains("limit");
    }
  }

  private static JsonNode getJson(String url, int expectedStatus) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(expectedStatus);
    return new ObjectMapper().readTree(r.body());
  }

  /** The labels-only catalog (what the BS builds) equals the one built from the full read. */
  @Test
  void theLabelsOnlyCatalogEqualsTheFullReadsCatalog() {
    for (String f : new String[] {"multibench_f32.pkl", "multibench_mixed_layouts.pkl", "mmsa_text_bert.pkl"}) {
      for (boolean drop : new boolean[] {false, true}) {
        DatasetSettings s = new DatasetSettings("pickle", null, null, null, null, null, null, null, null, null, null,
            FIXTURE.resolveSibling(f).toString(), "auto", drop, null, null, null, null);
        assertSameCatalog(DatasetCatalog.of(s.loadSummary()), DatasetCatalog.of(s.load()));
      }
    }
    DatasetSettings synthetic = DatasetSettings.DEFAULTS;
    assertSameCatalog(DatasetCatalog.of(synthetic.loadSummary()), DatasetCatalog.of(synthetic.load()));
  }

  private static void assertSameCatalog(DatasetCatalog labelsOnly, DatasetCatalog full) {
    assertThat(labelsOnly.fingerprint()).isEqualTo(full.fingerprint());
    assertThat(labelsOnly.testIds()).isEqualTo(full.testIds());
    assertThat(labelsOnly.sequenceLengths()).isEqualTo(full.sequenceLengths());
    assertThat(labelsOnly.featureDims()).isEqualTo(full.featureDims());
    for (String id : full.testIds()) {
      assertThat(labelsOnly.label(id)).isEqualTo(full.label(id));
    }
  }

  @Test
  void anUnreadablePickleStopsTheStartNamingTheKeyAndTheFile() {
    Throwable t = catchThrowable(() -> start("/nonexistent/mosei.pkl").close());
    assertThat(t).isNotNull();
    Throwable named = t;
    while (named != null && !(named.getMessage() != null && named.getMessage().startsWith("isac.bs.dataset.path"))) {
      named = named.getCause();
    }
    assertThat(named).as("a cause naming isac.bs.dataset.path").isNotNull();
    assertThat(named.getMessage()).contains("/nonexistent/mosei.pkl");
  }
}
