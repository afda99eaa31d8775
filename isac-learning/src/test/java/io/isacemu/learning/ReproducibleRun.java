package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.digest.Sha256;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The child JVM of {@link ReproducibilityTest}: trains one tiny seeded job (experts T and V+A+T, one
 * λ), saves the bundle into {@code args[0]} and prints {@code sha256 <file> <hex>} for every
 * parameter file, then {@code engine <settings>}.
 */
public final class ReproducibleRun {

  private ReproducibleRun() {}

  static TrainingResult train(long seed) {
    Map<Modality, Integer> w = Map.of(Modality.VIDEO, 4, Modality.AUDIO, 4, Modality.TEXT, 4);
    ArchitecturePreset tiny = new ArchitecturePreset("tiny", w, 1, 1, 1, List.of(4), List.of(4), 4, 1, 1, 4, 0.0);
    LearningConfig config = LearningConfig.builder().preset(tiny)
        .experts(List.of(ModalitySet.of(Modality.TEXT), ModalitySet.all()))
        .expertEpochs(2).gateEpochs(2).batchSize(16).patience(2).lambdas(List.of(0.5)).seed(seed).build();
    return new TrainingJob(config, TestCosts.table(CostMetric.LATENCY), TrainingListener.none())
        .run(ToySplit.generate(96, 4, seed), ToySplit.generate(32, 4, seed + 1), GateFeatures.none());
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    try (TrainingResult r = train(Long.parseLong(args[1]))) {
      TrainingResult.GateRun run = r.gated().get(0);
      ModelBundle.save(run.model(), out, "toy", "toy", run.valid(),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".params")).sorted().toList()) {
        System.out.println("sha256 " + f.getFileName() + " " + Sha256.hexOf(f));
      }
    }
    System.out.println("engine " + ModelBundle.readMetadata(out).engineSettings().orElseThrow());
  }
}
