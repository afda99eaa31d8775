package io.isacemu.training;

import io.isacemu.core.validation.InvalidFieldException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the training service, bound from {@code isac.training.*}.
 *
 * @param grpcPort TCP port of the gRPC ModelRegistry server, 0..65535; 0 picks a free port (tests)
 * @param bundleDir directory holding published bundles ({@code <version>.zip} + {@code
 *     <version>.sha256}) and the per-job work directories; created if missing
 * @param jobHistorySize finished jobs (succeeded, failed, cancelled) kept in memory, 1..10,000; the
 *     oldest finished job is forgotten first; queued and running jobs are never dropped
 * @param defaultPreset preset used when a job request names none: {@code demo} or {@code
 *     mosei-reference}
 * @param maxMessagesPerJob progress messages kept per job (the newest win), 1..10,000
 * @param apiKey key required in {@code X-Api-Key} by every write (submitting and cancelling jobs);
 *     blank = every write is refused
 * @param dataDir the only directory a job's {@code dataset.path} may name a pickle in (relative
 *     paths resolve against it; symbolic links are followed before the check)
 * @param limits what one job may ask for, and how many may wait
 */
@ConfigurationProperties("isac.training")
@Validated
public record TrainingProperties(
    @DefaultValue("9091") @Min(0) @Max(65535) int grpcPort,
    @DefaultValue("./work-dirs/training/bundles") @NotNull Path bundleDir,
    @DefaultValue("100") @Min(1) @Max(10_000) int jobHistorySize,
    @DefaultValue("demo") @NotNull @Pattern(regexp = "demo|mosei-reference") String defaultPreset,
    @DefaultValue("200") @Min(1) @Max(10_000) int maxMessagesPerJob,
    @DefaultValue("") String apiKey,
    @DefaultValue("./data") @NotNull Path dataDir,
    @DefaultValue @NotNull @Valid Limits limits) {

  /**
   * Bounds of the jobs API. Past them: 429 with {@code Retry-After} (queue), 400 naming the field
   * (a value).
   *
   * @param maxJobsInFlight queued + running jobs, 1..1 000; one more = 429
   * @param maxEpochs epochs of one stage ({@code epochsStageOne}, {@code epochsStageTwo}), 1..100 000
   * @param maxLambdas λ values of one job, 1..1 000
   * @param maxBatchSize mini-batch size, 1..1 000 000
   * @param retryAfterSeconds {@code Retry-After} of a 429, s, 1..3 600
   */
  public record Limits(
      @DefaultValue("16") @Min(1) @Max(1000) int maxJobsInFlight,
      @DefaultValue("1000") @Min(1) @Max(100_000) int maxEpochs,
      @DefaultValue("32") @Min(1) @Max(1000) int maxLambdas,
      @DefaultValue("4096") @Min(1) @Max(1_000_000) int maxBatchSize,
      @DefaultValue("30") @Min(1) @Max(3600) int retryAfterSeconds) {

    /** The defaults of application.yml. */
    public static final Limits DEFAULTS = new Limits(16, 1000, 32, 4096, 30);

    /**
     * Checks what {@code spec} asks for.
     *
     * @throws IllegalArgumentException naming the field, the value and the setting
     */
    public void check(io.isacemu.training.engine.JobSpec spec) {
      atMost("epochsStageOne", spec.epochsStageOne(), maxEpochs, "max-epochs");
      atMost("epochsStageTwo", spec.epochsStageTwo(), maxEpochs, "max-epochs");
      atMost("lambdas", spec.lambdas().size(), maxLambdas, "max-lambdas");
      atMost("batchSize", spec.batchSize(), maxBatchSize, "max-batch-size");
    }

    private static void atMost(String field, int value, int max, String setting) {
      if (value > max) {
        throw new InvalidFieldException(field, value, value + (field.equals("lambdas") ? " values" : "")
            + " is more than " + max + " (isac.training.limits." + setting + ")");
      }
    }
  }
}
