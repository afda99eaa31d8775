package io.isacemu.bs.dashboard;

import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.SummaryRow;
import io.isacemu.core.validation.Check;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tick of the dashboard stream: what the REST endpoints show ({@code /api/devices},
 * {@code /api/allocation}, {@code /api/tasks}, {@code /api/summary}, {@code /api/model},
 * {@code /api/experiments}), read from the same beans at one instant and aggregated on the server so
 * that its size does not grow with the number of devices or tasks.
 *
 * @param at when it was assembled
 * @param cellRadiusM cell radius around the BS at the origin, m
 * @param devices the device census and at most {@code maxDevices} devices at full detail
 * @param spectrum the band
 * @param tasks task counts, latencies and the latest tasks
 * @param summary the {@code /api/summary} rows (per mode × expert; gate shares and Acc-2)
 * @param model the bundle in service; empty before the first
 * @param experiments the latest experiments, newest first
 */
public record DashboardSnapshot(
    Instant at, double cellRadiusM, Devices devices, Spectrum spectrum, Tasks tasks, List<SummaryRow> summary,
    Optional<Model> model, List<ExperimentProgress> experiments) {

  public DashboardSnapshot {
    Check.positive("cellRadiusM", cellRadiusM);
    summary = List.copyOf(summary);
    experiments = List.copyOf(experiments);
  }

  /**
   * The devices.
   *
   * @param total every known device (as {@code /api/devices})
   * @param byStatus per status (LIVE, LOST, QUARANTINED) its count over every device
   * @param snrHistogram one-unit SNR of every device that reported one, in 5 dB bins
   * @param shown the devices at full detail (LIVE first, then by id), at most the configured cap
   */
  public record Devices(int total, Map<String, Integer> byStatus, List<Bin> snrHistogram, List<DeviceView> shown) {
    public Devices {
      Check.nonNegative("total", total);
      byStatus = Map.copyOf(byStatus);
      snrHistogram = List.copyOf(snrHistogram);
      shown = List.copyOf(shown);
    }
  }

  /**
   * A histogram bin {@code [from, to)}; the open ends are ±1e9.
   *
   * @param from lower edge (dB or s)
   * @param to upper edge (dB or s)
   * @param count values in it, ≥ 0
   */
  public record Bin(double from, double to, int count) {
    public Bin {
      Check.nonNegative("count", count);
    }
  }

  /**
   * The band (as {@code /api/allocation}).
   *
   * @param totalUnits U
   * @param freeUnits units not allocated
   * @param unitBandwidthHz B_min, Hz
   * @param holders per device holding units its b_k
   */
  public record Spectrum(int totalUnits, int freeUnits, double unitBandwidthHz, Map<String, Integer> holders) {
    public Spectrum {
      holders = Map.copyOf(holders);
    }
  }

  /**
   * The tasks.
   *
   * @param stored tasks in the store (as {@code X-Total-Count} of {@code /api/tasks})
   * @param inFlight PENDING + RUNNING
   * @param byStatus per status its count over the tasks kept in memory (isac.bs.task-history)
   * @param refused submissions refused with 429 since start
   * @param throughputPerSecond tasks finished in the last 60 s, per s
   * @param latency per mode the modelled and measured latency histograms of its finished tasks
   * @param latest the latest tasks, newest first
   */
  public record Tasks(int stored, int inFlight, Map<String, Integer> byStatus, long refused,
      double throughputPerSecond, Map<String, Latency> latency, List<TaskLine> latest) {
    public Tasks {
      byStatus = Map.copyOf(byStatus);
      latency = Map.copyOf(latency);
      latest = List.copyOf(latest);
    }
  }

  /**
   * One mode's latencies.
   *
   * @param modelled histogram of the modelled total latency, emulated s
   * @param measured histogram of the measured wall-clock latency, s
   * @param meanModelledSeconds mean modelled, emulated s
   * @param meanMeasuredSeconds mean measured, s
   */
  public record Latency(List<Bin> modelled, List<Bin> measured, double meanModelledSeconds,
      double meanMeasuredSeconds) {
    public Latency {
      modelled = List.copyOf(modelled);
      measured = List.copyOf(measured);
    }
  }

  /**
   * One task in the latest-tasks table.
   *
   * @param id task id
   * @param mode gate mode label
   * @param status status
   * @param experts experts that served its samples
   * @param units per device its units b_k in the last round it took part in
   * @param paths processing paths used (LOCAL, OFFLOAD)
   * @param energyJ modelled device energy, J
   * @param bits modelled bits over the air
   * @param samples samples asked for
   * @param correct served samples whose sign matched the label (Acc-2, "has-zero")
   */
  public record TaskLine(String id, String mode, String status, List<String> experts, Map<String, Integer> units,
      List<String> paths, double energyJ, double bits, int samples, int correct) {
    public TaskLine {
      experts = List.copyOf(experts);
      units = Map.copyOf(units);
      paths = List.copyOf(paths);
    }
  }

  /**
   * The bundle in service.
   *
   * @param version bundle version
   * @param experts expert names in gate-output order
   * @param gateInputs modalities the main (on-demand) gate reads
   * @param networkStateDim length of that gate's network-state vector
   * @param fullGateInputs modalities the FULL gate reads; empty when the bundle has none
   * @param deployRule the rule the gate was chosen by, when recorded
   * @param swappedAt when the BS put it in service
   */
  public record Model(String version, List<String> experts, String gateInputs, int networkStateDim,
      Optional<String> fullGateInputs, Optional<String> deployRule, Optional<Instant> swappedAt) {
    public Model {
      experts = List.copyOf(experts);
    }
  }

  /**
   * One experiment's progress.
   *
   * @param id experiment id
   * @param state QUEUED, RUNNING, DONE or FAILED
   * @param samples samples per mode
   * @param modesDone modes finished
   * @param modes modes in total
   * @param etaSeconds estimated wall seconds left (elapsed per finished mode × modes left); empty
   *     before the first mode ends or once terminal
   * @param link its result tables ({@code /api/experiments/{id}})
   */
  public record ExperimentProgress(String id, String state, int samples, int modesDone, int modes,
      Optional<Double> etaSeconds, String link) {}
}
