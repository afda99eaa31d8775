package io.isacemu.experiments;

import io.isacemu.scenario.sweep.SweepPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training once per distinct {@link io.isacemu.scenario.sweep.TrainingFingerprint}: the sweep's
 * points grouped by fingerprint in first-seen order, so that each group's bundle is the one the BS
 * serves while the group's points run (the BS serves the latest bundle), and every point and
 * replication of a group reuses its one job.
 */
final class TrainingCache {

  private final Map<String, List<SweepPoint>> groups = new LinkedHashMap<>();

  TrainingCache(List<SweepPoint> points) {
    points.forEach(p -> groups.computeIfAbsent(p.trainingFingerprint(), f -> new ArrayList<>()).add(p));
  }

  /** Fingerprint → its points, in the order they run. */
  Map<String, List<SweepPoint>> groups() {
    return groups;
  }

  /** Training jobs the run needs. */
  int jobs() {
    return groups.size();
  }

  /** E.g. {@code training cache: 1 job for 6 points}. */
  String describe() {
    int points = groups.values().stream().mapToInt(List::size).sum();
    return String.format(Locale.ROOT, "training cache: %d job%s for %d point%s", jobs(), jobs() == 1 ? "" : "s",
        points, points == 1 ? "" : "s");
  }
}
