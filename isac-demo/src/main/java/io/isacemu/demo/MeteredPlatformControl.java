package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.experiments.PlatformControl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@link PlatformControl} that times what passes through it, per serving mode: the client's
 * submit and await calls, the mode's wall time, and the BS's own {@code bs.task.phase} timers
 * (read at every mode change, so each mode gets the difference). The runner runs one mode at a time,
 * so a mode change is the boundary. For {@link ScenarioSpeedBenchmark}.
 */
final class MeteredPlatformControl implements PlatformControl {

  /** Totals of one mode over every point and replication; seconds. */
  static final class ModeTotals {
    long tasks;
    double wallSeconds;
    double submitSeconds;
    double awaitSeconds;
    final Map<String, Double> bsPhaseSeconds = new TreeMap<>();
  }

  private final PlatformControl inner;
  private final Supplier<Map<String, Double>> bsPhases;
  private final LongSupplier nanos;
  private final Map<String, ModeTotals> modes = new LinkedHashMap<>();
  private String mode = "";
  private long modeStart;
  private Map<String, Double> phasesAtStart = Map.of();

  /** @param bsPhases the BS's phase timers now: phase → seconds summed over tasks */
  MeteredPlatformControl(PlatformControl inner, Supplier<Map<String, Double>> bsPhases, LongSupplier nanos) {
    this.inner = inner;
    this.bsPhases = bsPhases;
    this.nanos = nanos;
  }

  @Override
  public JsonNode applyCell(double bandwidthHz) {
    closeMode();
    return inner.applyCell(bandwidthHz);
  }

  @Override
  public JsonNode cell() {
    return inner.cell();
  }

  @Override
  public void startReplication(long seed) {
    closeMode();
    inner.startReplication(seed);
  }

  @Override
  public String submit(Map<String, Object> task) {
    String m = String.valueOf(task.get("mode"));
    if (!m.equals(mode)) {
      closeMode();
      mode = m;
      modeStart = nanos.getAsLong();
      phasesAtStart = bsPhases.get();
    }
    long t0 = nanos.getAsLong();
    String id = inner.submit(task);
    ModeTotals t = totals();
    t.submitSeconds += (nanos.getAsLong() - t0) / 1e9;
    t.tasks++;
    return id;
  }

  @Override
  public JsonNode await(String taskId) throws InterruptedException {
    long t0 = nanos.getAsLong();
    JsonNode r = inner.await(taskId);
    totals().awaitSeconds += (nanos.getAsLong() - t0) / 1e9;
    return r;
  }

  /** Ends the current mode's segment (call once after the run too). */
  void closeMode() {
    if (mode.isEmpty()) {
      return;
    }
    ModeTotals t = totals();
    t.wallSeconds += (nanos.getAsLong() - modeStart) / 1e9;
    bsPhases.get().forEach((p, s) -> t.bsPhaseSeconds.merge(p, s - phasesAtStart.getOrDefault(p, 0.0), Double::sum));
    mode = "";
  }

  /** Per mode, in the order first run. */
  Map<String, ModeTotals> modes() {
    return modes;
  }

  private ModeTotals totals() {
    return modes.computeIfAbsent(mode, k -> new ModeTotals());
  }
}
