package io.isacemu.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isacemu.training.engine.JobSpec;
import io.isacemu.training.job.JobRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Shared test fixtures. */
public final class TestSupport {

  private TestSupport() {}

  /** A JSON mapper like Spring's (jdk8 and java.time modules). */
  public static ObjectMapper json() {
    return JsonMapper.builder().findAndAddModules().build();
  }

  /** Defaults-only job spec (demo preset, 1+1 epochs). */
  public static JobSpec spec() {
    return request().toSpec("demo");
  }

  /** The request behind {@link #spec()}. */
  public static JobRequest request() {
    return new JobRequest(null, null, null, null, null, 1, 1, null, null, null, null, 7L, null, null, null, null, null, null, null);
  }

  public static TrainingProperties properties(Path bundleDir, int history) {
    return new TrainingProperties(0, bundleDir, history, "demo", 50, "", bundleDir.resolve("data"),
        TrainingProperties.Limits.DEFAULTS);
  }

  /** A clock that advances one second on every reading (distinct, ordered instants). */
  public static Clock tickingClock() {
    return new Clock() {
      private Instant now = Instant.parse("2025-01-01T00:00:00Z");

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        now = now.plus(Duration.ofSeconds(1));
        return now;
      }
    };
  }
}
