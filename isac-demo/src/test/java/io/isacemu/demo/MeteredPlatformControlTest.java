package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.experiments.PlatformControl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MeteredPlatformControlTest {

  /** A BS whose tasks are DONE when awaited. */
  private static final class DoneAtOnce implements PlatformControl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private int next;

    @Override public JsonNode applyCell(double bandwidthHz) { return cell(); }
    @Override public JsonNode cell() { return JSON.createObjectNode().put("bandwidthHz", 20e6); }
    @Override public void startReplication(long seed) {}
    @Override public String submit(Map<String, Object> task) { return "t-" + next++; }
    @Override public JsonNode await(String taskId) { return JSON.createObjectNode().put("id", taskId).put("status", "DONE"); }
  }

  @Test
  void eachModeGetsItsTasksItsWallTimeAndTheBsPhasesItsTasksAdded() throws Exception {
    AtomicLong now = new AtomicLong();
    Map<String, Double> bs = new HashMap<>(Map.of("sense", 1.0));
    MeteredPlatformControl m = new MeteredPlatformControl(new DoneAtOnce(), () -> Map.copyOf(bs), now::get);
    for (String mode : List.of("fixed:T", "fixed:T", "full")) {
      String id = m.submit(Map.of("mode", mode, "sampleIds", List.of("syn-test-000000")));
      now.addAndGet(2_000_000_000L);
      bs.merge("sense", mode.equals("full") ? 3.0 : 0.5, Double::sum);
      m.await(id);
    }
    m.closeMode();

    MeteredPlatformControl.ModeTotals t = m.modes().get("fixed:T");
    assertThat(t.tasks).isEqualTo(2);
    assertThat(t.wallSeconds).isEqualTo(4.0);
    assertThat(t.bsPhaseSeconds).containsEntry("sense", 1.0);
    assertThat(m.modes().get("full").tasks).isEqualTo(1);
    assertThat(m.modes().get("full").bsPhaseSeconds).containsEntry("sense", 3.0);
    assertThat(m.modes().keySet()).containsExactly("fixed:T", "full");
  }

  @Test
  void thePhaseSumsAreReadFromThePrometheusText() {
    String text = String.join("\n",
        "# TYPE bs_task_phase_seconds summary",
        "bs_task_phase_seconds_count{application=\"bs-service\",phase=\"sense\"} 12",
        "bs_task_phase_seconds_sum{application=\"bs-service\",phase=\"sense\"} 0.25",
        "bs_task_phase_seconds_sum{application=\"bs-service\",phase=\"state-query\"} 1.5E-1",
        "bs_task_latency_seconds_sum{application=\"bs-service\",mode=\"full\"} 9");
    assertThat(ScenarioSpeedBenchmark.parsePhases(text)).containsExactly(Map.entry("sense", 0.25),
        Map.entry("state-query", 0.15));
  }
}
