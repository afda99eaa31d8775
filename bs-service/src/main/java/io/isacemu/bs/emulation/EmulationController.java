package io.isacemu.bs.emulation;

import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.TaskService;
import io.isacemu.support.ConflictException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replications: {@code GET /api/emulation} (mode, seed, emulated time) and {@code POST
 * /api/emulation/reset} (needs X-Api-Key), which restarts every device's trace at emulated time 0
 * with a seed and resets the BS's clock; refused (409) while tasks are in flight or in wall mode.
 */
@RestController
@RequestMapping("/api/emulation")
class EmulationController {

  /** @param seed the platform seed of the new trace (the devices' channel and mobility streams) */
  record ResetBody(@NotNull Long seed) {}

  /**
   * @param mode {@code wall} or {@code emulated}
   * @param seed the platform seed of the current trace
   * @param emulatedTimeS the BS clock, emulated s since the last reset
   * @param devices per LIVE device after a reset, {@code OK} or why it did not confirm (empty for GET)
   */
  record State(String mode, long seed, double emulatedTimeS, Map<String, String> devices) {}

  private final EmulationClock clock;
  private final DeviceRegistry registry;
  private final TaskService tasks;
  private final EmulationProperties props;

  EmulationController(EmulationClock clock, DeviceRegistry registry, TaskService tasks, EmulationProperties props) {
    this.clock = clock;
    this.registry = registry;
    this.tasks = tasks;
    this.props = props;
  }

  @Operation(summary = "The time mode, the platform seed and the BS's emulated time, s")
  @GetMapping
  State state() {
    return new State(mode(), clock.seed(), clock.nowS(), Map.of());
  }

  @Operation(summary = "Restart every device's trace at emulated time 0 with {\"seed\": <long>} (needs X-Api-Key); "
      + "409 while tasks are in flight or in wall mode; the answer names each LIVE device's confirmation")
  @PostMapping("/reset")
  State reset(@Valid @RequestBody ResetBody body) {
    if (!clock.emulated()) {
      throw new ConflictException("isac.bs.emulation.time is wall: the devices' traces follow wall-clock time and "
          + "cannot be reset; run BS and devices with time = emulated");
    }
    long seed = body.seed();
    Map<String, String> confirmed = new TreeMap<>();
    tasks.whenIdle("POST /api/emulation/reset", () -> {
      clock.reset(seed);
      registry.resetEmulation(seed);
      // the stream is ordered: an answer at time 0 confirms the device applied the reset
      List<DeviceView> live = registry.devices().stream()
          .filter(v -> v.status() == io.isacemu.bs.registry.DeviceStatus.LIVE).toList();
      List<CompletableFuture<DeviceView>> asked = new ArrayList<>();
      for (DeviceView v : live) {
        asked.add(clock.stamped(v.deviceId(), 0, t -> registry.stateAt(v.deviceId(), t)));
      }
      for (int i = 0; i < live.size(); i++) {
        confirmed.put(live.get(i).deviceId(), confirmation(asked.get(i)));
      }
    });
    return new State(mode(), clock.seed(), clock.nowS(), confirmed);
  }

  private String confirmation(CompletableFuture<DeviceView> answer) {
    try {
      answer.get(props.stateQueryTimeoutMs(), TimeUnit.MILLISECONDS);
      return "OK";
    } catch (TimeoutException e) {
      return "no answer within " + props.stateQueryTimeoutMs() + " ms";
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private String mode() {
    return clock.mode().name().toLowerCase(Locale.ROOT);
  }
}
