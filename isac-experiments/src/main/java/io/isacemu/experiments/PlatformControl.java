package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What the scenario runner does to the running platform, through its APIs only (no restarts):
 * change the cell, start a replication, run tasks. {@link HttpPlatformControl} talks to the BS;
 * tests use a fake.
 */
public interface PlatformControl {

  /** Sets the band {@code B} ({@code PUT /api/cell}) and returns the cell as the BS reports it back. */
  JsonNode applyCell(double bandwidthHz);

  /** The cell as the BS reports it ({@code GET /api/cell}). */
  JsonNode cell();

  /**
   * Restarts every device's channel, mobility and sensing traces at emulated time 0 with {@code
   * seed} ({@code POST /api/emulation/reset}); the one place a replication starts.
   */
  void startReplication(long seed);

  /** Submits a task ({@code POST /api/tasks} body); returns its id. */
  String submit(Map<String, Object> task);

  /** The task once DONE, DEGRADED or FAILED. */
  JsonNode await(String taskId) throws InterruptedException;
}
