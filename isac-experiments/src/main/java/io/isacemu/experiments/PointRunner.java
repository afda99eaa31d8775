package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.summary.PointFailure;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.ServingSpec;
import io.isacemu.scenario.model.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One replication of one sweep point on the running platform: every serving mode in turn, the
 * point's test samples in the replication's seeded order, {@code samplesPerTask} per task, at most
 * {@code tasksInFlight} tasks submitted and not yet finished. A mode that fails is recorded with
 * its reason and the next mode runs.
 */
public final class PointRunner {

  /**
   * What one replication left.
   *
   * @param samples its per-sample records
   * @param failures its failed modes
   */
  record Outcome(List<SampleRecord> samples, List<PointFailure> failures) {}

  private final PlatformControl platform;
  private final Progress progress;

  PointRunner(PlatformControl platform, Progress progress) {
    this.platform = platform;
    this.progress = progress;
  }

  /** Tasks one replication of {@code s} runs. */
  public static long tasksPerReplication(Scenario s) {
    ServingSpec v = s.serving();
    return (long) v.modes().size() * ((v.samplesPerPoint() + v.samplesPerTask() - 1) / v.samplesPerTask());
  }

  /**
   * The point's test-split indices in replication order: {@code 0 .. samplesPerPoint − 1} shuffled
   * with {@code seed} (the same samples in every replication, a different order).
   */
  static List<Integer> sampleOrder(int samples, long seed) {
    List<Integer> order = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    return order;
  }

  /** The tasks of one mode: bodies of {@code POST /api/tasks}, in submission order. */
  static List<Map<String, Object>> tasks(ServingSpec v, String mode, List<Integer> order) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i += v.samplesPerTask()) {
      List<String> ids = order.subList(i, Math.min(order.size(), i + v.samplesPerTask())).stream()
          .map(k -> String.format(Locale.ROOT, "syn-test-%06d", k)).toList();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("sampleIds", ids);
      body.put("mode", mode);
      body.put("deadlineSeconds", v.deadlineSeconds());
      body.put("objective", Wire.name(v.objective()));
      out.add(body);
    }
    return out;
  }

  /**
   * @param point the point's index
   * @param axisValues its axis values as written
   * @param s the point's resolved scenario
   * @param replication 0-based; its seed is {@code s.seed() + replication}
   */
  Outcome run(int point, Map<String, String> axisValues, Scenario s, int replication, Map<String, Double> expertFlops)
      throws InterruptedException {
    progress.tasksStarting();
    ServingSpec v = s.serving();
    List<Integer> order = sampleOrder(v.samplesPerPoint(), s.seed() + replication);
    List<SampleRecord> samples = new ArrayList<>();
    List<PointFailure> failures = new ArrayList<>();
    for (String mode : v.modes()) {
      List<Map<String, Object>> tasks = tasks(v, mode, order);
      try {
        List<JsonNode> done = runMode(tasks, v.tasksInFlight());
        samples.addAll(SampleRecords.of(point, axisValues, replication, mode, done, expertFlops));
      } catch (RuntimeException e) {
        failures.add(new PointFailure(point, axisValues, Optional.of(mode),
            "replication " + replication + ": " + e.getMessage()));
      }
    }
    return new Outcome(samples, failures);
  }

  /** Submits in order, keeping at most {@code window} unfinished; the finished tasks in submission order. */
  private List<JsonNode> runMode(List<Map<String, Object>> tasks, int window) throws InterruptedException {
    Deque<String> inFlight = new ArrayDeque<>();
    List<JsonNode> done = new ArrayList<>(tasks.size());
    for (Map<String, Object> t : tasks) {
      if (inFlight.size() >= window) {
        done.add(finish(inFlight.removeFirst()));
      }
      inFlight.addLast(platform.submit(t));
    }
    while (!inFlight.isEmpty()) {
      done.add(finish(inFlight.removeFirst()));
    }
    return done;
  }

  private JsonNode finish(String id) throws InterruptedException {
    JsonNode t = platform.await(id);
    progress.taskDone();
    return t;
  }
}
