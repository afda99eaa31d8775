package io.isacemu.training;

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
    @DefaultValue("./data") @NotNull Path dataDir) {}
