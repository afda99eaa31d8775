package io.isacemu.results.summary;

import io.isacemu.core.validation.Check;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.samples.SampleStatus;
import io.isacemu.results.stats.Bootstrap;
import io.isacemu.results.stats.ConfidenceInterval;
import io.isacemu.results.stats.StudentT;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Summarizes sample records into rows per sweep point × mode.
 *
 * <p>Per metric: the metric of each replication, then the Student-t interval over the replications
 * whose metric is defined; with exactly one replication in the row, the seeded percentile bootstrap
 * over that replication's served samples instead. A row is incomplete when a {@link PointFailure}
 * names it (or its whole point), when it has fewer replications than expected, or when any of its
 * samples failed; the reason says which.
 *
 * @param expectedReplications replications each row should have (the scenario's {@code
 *     replications}), {@code ≥ 1}
 * @param bootstrap the seeded bootstrap used for one-replication rows
 * @param level the confidence level, in (0, 1)
 */
public record Summaries(int expectedReplications, Bootstrap bootstrap, double level) {

  /** The mode of a row for a point that failed as a whole before any sample. */
  public static final String ALL_MODES = "all";

  public Summaries {
    Check.positive("expectedReplications", expectedReplications);
    Check.present("bootstrap", bootstrap);
    Check.inRange("level", level, Math.ulp(0.0), 1 - Math.ulp(1.0));
  }

  /** 95 %, 2000 bootstrap resamples with {@code seed}. */
  public static Summaries of(int expectedReplications, long seed) {
    return new Summaries(expectedReplications, new Bootstrap(Bootstrap.DEFAULT_RESAMPLES, seed), StudentT.LEVEL_95);
  }

  /** The rows, ordered by point, then mode in first-seen order. */
  public List<SummaryRow> summarize(List<SampleRecord> samples, List<PointFailure> failures) {
    Map<Integer, Map<String, List<SampleRecord>>> byPoint = new TreeMap<>();
    Map<Integer, Map<String, String>> axes = new TreeMap<>();
    for (SampleRecord s : samples) {
      byPoint.computeIfAbsent(s.point(), p -> new LinkedHashMap<>())
          .computeIfAbsent(s.mode(), m -> new ArrayList<>()).add(s);
      axes.putIfAbsent(s.point(), s.axisValues());
    }
    for (PointFailure f : failures) {
      Map<String, List<SampleRecord>> modes = byPoint.computeIfAbsent(f.point(), p -> new LinkedHashMap<>());
      axes.putIfAbsent(f.point(), f.axisValues());
      f.mode().ifPresent(m -> modes.computeIfAbsent(m, k -> new ArrayList<>()));
      if (f.mode().isEmpty() && modes.isEmpty()) {
        modes.put(ALL_MODES, new ArrayList<>());
      }
    }
    List<SummaryRow> rows = new ArrayList<>();
    byPoint.forEach((point, modes) -> modes.forEach((mode, list) ->
        rows.add(row(point, axes.get(point), mode, list, reasons(point, mode, failures)))));
    return rows;
  }

  private static List<String> reasons(int point, String mode, List<PointFailure> failures) {
    List<String> out = new ArrayList<>();
    for (PointFailure f : failures) {
      if (f.point() == point && f.mode().map(mode::equals).orElse(true)) {
        out.add(f.mode().isPresent() ? "mode failed: " + f.reason() : "point failed: " + f.reason());
      }
    }
    return out;
  }

  private SummaryRow row(int point, Map<String, String> axisValues, String mode, List<SampleRecord> all,
      List<String> reasons) {
    Map<Integer, List<SampleRecord>> byRep = new TreeMap<>();
    int failed = 0;
    for (SampleRecord s : all) {
      if (s.status() == SampleStatus.FAILED) {
        failed++;
      } else {
        byRep.computeIfAbsent(s.replication(), r -> new ArrayList<>()).add(s);
      }
    }
    int served = all.size() - failed;
    if (byRep.size() < expectedReplications) {
      reasons.add(byRep.size() + " of " + expectedReplications + " replications");
    }
    if (failed > 0) {
      reasons.add(failed + " of " + all.size() + " samples failed");
    }
    Map<Metric, ConfidenceInterval> metrics = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      interval(m, byRep).ifPresent(ci -> metrics.put(m, ci));
    }
    Map<String, Double> shares = new TreeMap<>();
    byRep.values().forEach(list -> list.forEach(s -> s.expert().ifPresent(e -> shares.merge(e, 1.0, Double::sum))));
    shares.replaceAll((e, c) -> c / served);
    Optional<String> reason = reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    return new SummaryRow(point, axisValues, mode, reason, byRep.size(), served, failed, metrics, shares);
  }

  private Optional<ConfidenceInterval> interval(Metric m, Map<Integer, List<SampleRecord>> byRep) {
    if (byRep.isEmpty()) {
      return Optional.empty();
    }
    if (byRep.size() == 1) {
      List<SampleRecord> one = byRep.values().iterator().next();
      // a canonical order, whatever order the tasks finished in: shorter ids first, then by text
      // (so a numeric suffix sorts numerically)
      one.sort(Comparator.comparing(SampleRecord::sampleId, Comparator.comparingInt(String::length)
          .thenComparing(Comparator.naturalOrder())));
      return bootstrap.interval(one.size(), idx -> {
        List<SampleRecord> pick = new ArrayList<>(idx.length);
        for (int i : idx) {
          pick.add(one.get(i));
        }
        return m.of(pick);
      }, level);
    }
    double[] values = byRep.values().stream().mapToDouble(m::of).filter(Double::isFinite).toArray();
    return values.length == 0 ? Optional.empty() : Optional.of(StudentT.interval(values, level));
  }
}
