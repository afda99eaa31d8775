package io.isacemu.results.samples;

import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of {@code samples.csv}: one test sample, served in one mode, at one sweep point, in one
 * replication.
 *
 * @param point the sweep point's 0-based index
 * @param axisValues the point's axis values, key path → value as written in the scenario, in axis
 *     order; empty without a sweep
 * @param replication the 0-based replication (seed = scenario seed + replication)
 * @param mode the serving mode, e.g. {@code fixed:T}, {@code full}, {@code on-demand}
 * @param taskId the BS task the sample was served in
 * @param sampleId the sample's id in the dataset's test split, e.g. {@code syn-test-000012} or a
 *     pickle's own id; non-blank
 * @param label the ground-truth sentiment in [−3, 3] (finite)
 * @param prediction the predicted sentiment; empty iff {@code status} is {@link SampleStatus#FAILED}
 * @param expert the expert that served the sample, e.g. {@code T} or {@code V+A+T}; empty when failed
 *     before routing
 * @param devices each device's share (may be empty)
 * @param cost modelled times, measured wall time, energy, bits, FLOPs
 * @param status the outcome
 * @param degradationReason why the sample was degraded or failed; present iff {@code status ≠ OK}
 */
public record SampleRecord(
    int point,
    Map<String, String> axisValues,
    int replication,
    String mode,
    String taskId,
    String sampleId,
    double label,
    OptionalDouble prediction,
    Optional<String> expert,
    List<DeviceUse> devices,
    SampleCost cost,
    SampleStatus status,
    Optional<String> degradationReason) {

  public SampleRecord {
    Check.nonNegative("point", point);
    axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(Check.present("axisValues", axisValues)));
    Check.nonNegative("replication", replication);
    nonBlank("mode", mode);
    nonBlank("taskId", taskId);
    nonBlank("sampleId", sampleId);
    Check.finite("label", label);
    Check.present("prediction", prediction);
    prediction.ifPresent(p -> Check.finite("prediction", p));
    Check.present("expert", expert);
    devices = List.copyOf(Check.present("devices", devices));
    Check.present("cost", cost);
    Check.present("status", status);
    Check.present("degradationReason", degradationReason);
    if (prediction.isEmpty() != (status == SampleStatus.FAILED)) {
      throw InvalidFieldException.rejected("prediction", prediction, "must be empty iff status is FAILED (status " + status + ")");
    }
    if (degradationReason.isPresent() != (status != SampleStatus.OK)) {
      throw InvalidFieldException.rejected(
          "degradationReason", degradationReason, "must be present iff status is not OK (status " + status + ")");
    }
  }

  private static void nonBlank(String field, String value) {
    Check.present(field, value);
    if (value.isBlank()) {
      throw InvalidFieldException.rejected(field, value, "must not be blank");
    }
  }

  /**
   * Acc-2, has-zero convention ({@code SentimentMetrics.acc2HasZero}): {@code (label ≥ 0) ==
   * (prediction ≥ 0)}; empty without a prediction. Compared as {@code float}, as SentimentMetrics does.
   */
  public Optional<Boolean> correctHasZero() {
    return prediction.isPresent()
        ? Optional.of(((float) label >= 0) == ((float) prediction.getAsDouble() >= 0))
        : Optional.empty();
  }

  /**
   * Acc-2, non-zero convention ({@code SentimentMetrics.acc2NonZero}): {@code (label > 0) ==
   * (prediction > 0)}; empty without a prediction or when {@code label == 0} (excluded). Compared as
   * {@code float}, as SentimentMetrics does.
   */
  public Optional<Boolean> correctNonZero() {
    return prediction.isPresent() && (float) label != 0
        ? Optional.of(((float) label > 0) == ((float) prediction.getAsDouble() > 0))
        : Optional.empty();
  }
}
