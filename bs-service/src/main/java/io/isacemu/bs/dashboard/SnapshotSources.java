package io.isacemu.bs.dashboard;

import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.task.Experiment;
import io.isacemu.bs.task.SpectrumLedger;
import io.isacemu.bs.task.TaskResult;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where a snapshot reads from: the beans behind the REST endpoints (the service wires the registry,
 * ledger, task service, metrics, model holder and experiment service; a benchmark wires synthetic
 * lists), so the dashboard has no state of its own to drift from the API.
 *
 * @param devices every known device ({@code /api/devices})
 * @param ledger the spectrum ledger ({@code /api/allocation})
 * @param recentTasks the tasks kept in memory, oldest first
 * @param storedTasks tasks in the store ({@code /api/tasks} X-Total-Count)
 * @param inFlight PENDING + RUNNING tasks
 * @param refused 429 refusals since start
 * @param model the model holder ({@code /api/model})
 * @param latestExperiments the latest experiments, newest first ({@code /api/experiments})
 */
public record SnapshotSources(
    Supplier<List<DeviceView>> devices, SpectrumLedger ledger, Supplier<List<TaskResult>> recentTasks,
    IntSupplier storedTasks, IntSupplier inFlight, LongSupplier refused, ModelHolder model,
    Supplier<List<Experiment>> latestExperiments) {}
