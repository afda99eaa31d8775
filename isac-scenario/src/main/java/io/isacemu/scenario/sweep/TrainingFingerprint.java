package io.isacemu.scenario.sweep;

import io.isacemu.core.digest.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isacemu.scenario.load.ScenarioWriter;
import io.isacemu.scenario.model.Scenario;
import java.io.UncheckedIOException;

/**
 * A stable hash of what a training run depends on: the resolved {@code dataset} and {@code
 * training} sections, nothing else. Two sweep points with equal fingerprints train the same bundle,
 * so a runner trains once and serves both. Computed over the resolved values written in the
 * writer's fixed key order, so a file that spells a default out and one that omits it agree.
 */
public final class TrainingFingerprint {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TrainingFingerprint() {}

  /** 64 lower-case hex digits: SHA-256 of the compact JSON of the two sections. */
  public static String of(Scenario s) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(ScenarioWriter.trainingInputs(s));
      return Sha256.hex(canonical);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
