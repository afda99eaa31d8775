package io.isacemu.bs.task;

import io.isacemu.bs.emulation.EmulationClock;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.core.modality.Modality;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The device states a round schedules on, and the commands it sends, per time mode. Wall: the
 * latest periodic reports, unstamped commands. Emulated: each LIVE candidate queried at the
 * round's emulated time (periodic reports never drive a decision), commands stamped with it.
 */
final class DeviceStates {

  private final DeviceRegistry registry;
  private final EmulationClock clock;
  private final long queryTimeoutMs;
  private final LongSupplier nanos;

  /** @param nanos the ticker of the wait for answers, ns */
  DeviceStates(DeviceRegistry registry, EmulationClock clock, long queryTimeoutMs, LongSupplier nanos) {
    this.registry = registry;
    this.clock = clock;
    this.queryTimeoutMs = queryTimeoutMs;
    this.nanos = nanos;
  }

  /** Wall mode. */
  static DeviceStates wall(DeviceRegistry registry) {
    return new DeviceStates(registry, EmulationClock.wall(), 1, System::nanoTime); // never waits
  }

  EmulationClock clock() {
    return clock;
  }

  /**
   * The LIVE devices sensing {@code m} as they are at {@code timeS} (emulated s; wall mode: their
   * latest reports). A device whose answer is missing or refused is left out, the reason added to
   * {@code problems}.
   */
  List<DeviceView> live(Modality m, double timeS, List<String> problems) {
    List<DeviceView> live = registry.live(m);
    if (!clock.emulated()) {
      return live;
    }
    List<CompletableFuture<DeviceView>> asked = new ArrayList<>();
    for (DeviceView v : live) {
      asked.add(clock.stamped(v.deviceId(), timeS, t -> registry.stateAt(v.deviceId(), t)));
    }
    List<DeviceView> out = new ArrayList<>();
    long end = nanos.getAsLong() + TimeUnit.MILLISECONDS.toNanos(queryTimeoutMs);
    for (int i = 0; i < asked.size(); i++) {
      String id = live.get(i).deviceId();
      try {
        out.add(asked.get(i).get(Math.max(0, end - nanos.getAsLong()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        asked.get(i).cancel(false);
        problems.add("device " + id + " did not answer the state query for " + timeS + " s within "
            + queryTimeoutMs + " ms");
      } catch (ExecutionException e) {
        problems.add("device " + id + " state at " + timeS + " s refused: " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add("interrupted while querying " + id);
        break;
      }
    }
    return out;
  }

  /** Sends {@code command} to {@code deviceId}, stamped with {@code timeS} in emulated mode. */
  CompletableFuture<SenseResult> sense(String deviceId, double timeS, SenseCommand.Builder command) {
    if (!clock.emulated()) {
      return registry.sense(deviceId, command);
    }
    return clock.stamped(deviceId, timeS, t -> registry.sense(deviceId, command.setEmulatedTimeS(t)));
  }
}
