package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What the scenario runner does to the device fleet and the cell's shared radio settings, through
 * the services' APIs only (no restarts): the device-service holding a modality's devices ({@code
 * /api/devices}, {@code /api/radio}) and the BS ({@code PUT /api/cell}, {@code GET /api/devices}).
 * {@link HttpFleetControl} talks HTTP; tests use a fake.
 */
public interface FleetControl {

  /** The devices of the device-service of {@code modality} ({@code GET /api/devices}), full spec and state. */
  JsonNode devices(String modality);

  /** Adds a device ({@code POST /api/devices}); returns it as the device-service reports it. */
  JsonNode add(String modality, Map<String, Object> device);

  /** Re-creates device {@code id} with a new spec ({@code PUT /api/devices/{id}}). */
  JsonNode retune(String modality, String id, Map<String, Object> device);

  /** Removes device {@code id} ({@code DELETE /api/devices/{id}}). */
  void remove(String modality, String id);

  /** The radio settings the devices of {@code modality} run with ({@code GET /api/radio}). */
  JsonNode radio(String modality);

  /** Re-creates every device of {@code modality} with new radio settings ({@code PUT /api/radio}). */
  JsonNode retuneRadio(String modality, Map<String, Object> radio);

  /** Changes the BS's cell ({@code PUT /api/cell}, every field); returns it as the BS reports it back. */
  JsonNode applyCell(Map<String, Object> cell);

  /** The devices the BS knows, LIVE and LOST ({@code GET /api/devices} on the BS). */
  JsonNode bsDevices();
}
