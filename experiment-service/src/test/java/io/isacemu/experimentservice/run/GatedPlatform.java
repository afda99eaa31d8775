package io.isacemu.experimentservice.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.experiments.PlatformControl;
import io.isacemu.experiments.RunLog;
import io.isacemu.experiments.ScenarioRun;
import io.isacemu.experiments.TrainingStep;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A platform in memory whose tasks finish only when the test lets them ({@link #release}), so that an
 * experiment stays RUNNING as long as a test needs; the BS's answers are the shape of {@code GET /api/tasks/{id}}.
 */
public final class GatedPlatform implements ExperimentPlatform {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Permits = tasks that may finish; {@link #open()} lets every task through. */
  private final Semaphore gate = new Semaphore(0);
  private final Map<String, Map<String, Object>> tasks = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  /** What the start-up check answers; empty = the platform matches. */
  public volatile Function<Scenario, List<Problem>> differences = s -> List.of();
  /** Tasks awaited (blocked on the gate or done). */
  public final AtomicInteger awaiting = new AtomicInteger();
  /** Band B the runner set, in order. */
  public final List<Double> cells = java.util.Collections.synchronizedList(new ArrayList<>());

  public void release(int tasks) {
    gate.release(tasks);
  }

  public GatedPlatform open() {
    gate.release(1_000_000);
    return this;
  }

  @Override
  public List<Problem> startupDifferences(Scenario s) {
    return differences.apply(s);
  }

  @Override
  public ScenarioRun.Trainer trainer(RunLog log) {
    return first -> new TrainingStep.Trained("v1", JSON.createArrayNode(), Map.of("T", 1000.0));
  }

  @Override
  public PlatformControl control() {
    return new PlatformControl() {
      @Override
      public JsonNode applyCell(double bandwidthHz) {
        cells.add(bandwidthHz);
        return cell().put("bandwidthHz", bandwidthHz);
      }

      @Override
      public ObjectNode cell() {
        return JSON.createObjectNode().put("bandwidthHz", 20e6).put("units", 111);
      }

      @Override
      public void startReplication(long seed) {}

      @Override
      public String submit(Map<String, Object> task) {
        String id = "t-" + ids.incrementAndGet();
        tasks.put(id, task);
        return id;
      }

      @Override
      @SuppressWarnings("unchecked")
      public JsonNode await(String taskId) throws InterruptedException {
        awaiting.incrementAndGet();
        gate.acquire();
        Map<String, Object> task = tasks.remove(taskId);
        ObjectNode t = JSON.createObjectNode().put("id", taskId).put("status", "DONE").put("reason", "");
        ArrayNode samples = t.putArray("samples");
        for (String s : (List<String>) task.get("sampleIds")) {
          samples.addObject().put("sampleId", s).put("label", 1.0).put("prediction", 0.5).put("expert", "T")
              .put("degraded", false);
        }
        t.putArray("devices");
        t.putObject("modelled").put("sensingSeconds", 0.1).put("commSeconds", 0.05).put("computeSeconds", 0.01)
            .put("totalSeconds", 0.16);
        t.putObject("measured").put("totalSeconds", 0.01);
        t.put("energyJ", 0.01).put("bits", 100);
        return t;
      }
    };
  }
}
