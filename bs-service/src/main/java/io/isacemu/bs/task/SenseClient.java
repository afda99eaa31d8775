package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.registry.SessionLostException;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Sends SenseCommands to devices and waits for their answers within a round's wall budget (the
 * deadline scaled by {@code isac.bs.time-scale-factor}, plus {@code deadline-grace-ms}). Remembers
 * which devices refused LOCAL for which bundle, so that a device without the bundle does not cost
 * every task a refused round trip.
 */
final class SenseClient {

  /** How long a device that refused LOCAL for a bundle version is offered only OFFLOAD for it, ticker ns (30 s). */
  static final long LOCAL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** Entries of the refusal cache at most; past it the cache starts over (it is only a cache; ids come and go). */
  private static final int MAX_REFUSALS = 4096;

  private final DeviceStates states;
  private final BsProperties props;
  // read per command: B_min changes between tasks (PUT /api/cell)
  private final java.util.function.Supplier<Spectrum> spectrum;
  private final LongSupplier nanos;
  private final Map<String, Refusal> localRefusals = new ConcurrentHashMap<>();

  private record Refusal(String version, long atNanos) {}

  /** A device's answer, or why there is none ({@code TIMEOUT}, {@code LOST: …}, {@code ERROR: …}, {@code INTERRUPTED}). */
  record Answer(Optional<SenseResult> result, String outcome) {}

  SenseClient(DeviceStates states, BsProperties props, java.util.function.Supplier<Spectrum> spectrum, LongSupplier nanos) {
    this.states = states;
    this.props = props;
    this.spectrum = spectrum;
    this.nanos = nanos;
  }

  /**
   * Sends one command: sense {@code ids} for {@code T^s} each, then upload on {@code units} by
   * {@code mode}; at emulated time {@code timeS} in emulated mode.
   */
  CompletableFuture<SenseResult> send(String deviceId, double timeS, String taskId, List<String> ids, double deadlineSeconds,
      int units, ProcessingMode mode, Optional<Fetcher.LocalOption> local) {
    SenseCommand.Builder c = SenseCommand.newBuilder()
        .setTaskId(taskId)
        .addAllSampleIds(ids)
        .setSensingTimeS(props.sensingSeconds())
        .setBandwidthUnits(units)
        .setUnitBandwidthHz(spectrum.get().unitBandwidthHz())
        .setProcessingMode(mode == ProcessingMode.LOCAL
            ? io.isacemu.proto.ProcessingMode.PROCESSING_MODE_LOCAL
            : io.isacemu.proto.ProcessingMode.PROCESSING_MODE_OFFLOAD)
        .setDeadlineS(deadlineSeconds)
        .setTimeScaleFactor(props.timeScaleFactor());
    if (mode == ProcessingMode.LOCAL) {
      Fetcher.LocalOption l = local.orElseThrow();
      c.setModelVersion(l.modelVersion()).setEncoderExpert(l.expertName());
    }
    return states.sense(deviceId, timeS, c);
  }

  /**
   * The answer of {@code future}, waiting until {@code startNanos + budgetNanos} on the ticker; a
   * missing answer adds its reason to {@code problems}.
   */
  Answer await(CompletableFuture<SenseResult> future, long startNanos, long budgetNanos, String deviceId,
      List<String> problems) {
    try {
      long left = Math.max(0, budgetNanos - (nanos.getAsLong() - startNanos));
      SenseResult r = future.get(left, TimeUnit.NANOSECONDS);
      return new Answer(Optional.of(r), SenseResultReader.outcome(r));
    } catch (TimeoutException e) {
      future.cancel(false);
      problems.add("device " + deviceId + " missed the deadline");
      return new Answer(Optional.empty(), "TIMEOUT");
    } catch (ExecutionException e) {
      String outcome = (e.getCause() instanceof SessionLostException ? "LOST: " : "ERROR: ") + e.getCause().getMessage();
      problems.add("device " + deviceId + " " + outcome);
      return new Answer(Optional.empty(), outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while waiting for " + deviceId);
      return new Answer(Optional.empty(), "INTERRUPTED");
    }
  }

  /** Wall budget of a round, ticker ns: the deadline scaled by the time factor, plus the grace. */
  long wallBudgetNanos(double deadlineSeconds) {
    return (long) (deadlineSeconds * props.timeScaleFactor() * 1e9) + TimeUnit.MILLISECONDS.toNanos(props.deadlineGraceMs());
  }

  /** Whether {@code deviceId} refused LOCAL for bundle {@code version} within {@link #LOCAL_RETRY_NANOS}. */
  boolean recentlyRefusedLocal(String deviceId, String version) {
    Refusal r = localRefusals.get(deviceId);
    return r != null && r.version().equals(version) && nanos.getAsLong() - r.atNanos() < LOCAL_RETRY_NANOS;
  }

  /** Records that {@code deviceId} refused LOCAL for bundle {@code version} now. */
  void refusedLocal(String deviceId, String version) {
    if (localRefusals.size() >= MAX_REFUSALS) {
      localRefusals.clear();
    }
    localRefusals.put(deviceId, new Refusal(version, nanos.getAsLong()));
  }
}
