package io.isacemu.device.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.device.config.DeviceFleet;
import io.isacemu.device.emulator.DeviceSpec;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fleet API: this process's emulated devices, read open, changed with {@code X-Api-Key}
 * ({@code isac.device.api-key}) between tasks. A retune ({@code PUT /api/devices/{id}}) closes the
 * device's session and re-creates it with the new spec at the same platform index; it registers at
 * the BS afresh. {@code PUT /api/radio} does the same for every device with new cell radio settings.
 * 400 names the field and the value, 404 an unknown id, 409 a device with a command in flight.
 */
@RestController
class FleetController {

  private final DeviceFleet fleet;

  FleetController(DeviceFleet fleet) {
    this.fleet = fleet;
  }

  @GetMapping("/api/devices")
  List<DeviceView> list() {
    return fleet.members().stream().map(DeviceView::of).toList();
  }

  @GetMapping("/api/devices/{id}")
  DeviceView get(@PathVariable("id") String id) {
    return fleet.members().stream().filter(m -> m.agent().deviceId().equals(id)).findFirst().map(DeviceView::of)
        .orElseThrow(() -> new io.isacemu.support.NotFoundException("device '" + id + "' is not a device of this process"));
  }

  @PostMapping("/api/devices")
  ResponseEntity<DeviceView> add(@RequestBody JsonNode body) {
    DeviceView v = DeviceView.of(fleet.add(spec(body)));
    return ResponseEntity.created(URI.create("/api/devices/" + v.id())).body(v);
  }

  @PutMapping("/api/devices/{id}")
  DeviceView retune(@PathVariable("id") String id, @RequestBody JsonNode body) {
    if (body != null && body.isObject() && !body.has("id")) {
      body = ((com.fasterxml.jackson.databind.node.ObjectNode) body.deepCopy()).put("id", id);
    }
    return DeviceView.of(fleet.replace(id, spec(body)));
  }

  @DeleteMapping("/api/devices/{id}")
  ResponseEntity<Void> remove(@PathVariable("id") String id) {
    fleet.remove(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/radio")
  RadioView radio() {
    return RadioView.of(fleet.radio());
  }

  @PutMapping("/api/radio")
  RadioView retuneRadio(@RequestBody JsonNode body) {
    fleet.retuneRadio(DeviceRequest.radio(body, fleet.radio()));
    return RadioView.of(fleet.radio());
  }

  private DeviceSpec spec(JsonNode body) {
    try {
      String id = body != null && body.path("id").isTextual() ? body.path("id").textValue() : "";
      return DeviceRequest.device(body, fleet.defaultToken(id)).spec();
    } catch (io.isacemu.core.validation.InvalidFieldException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      // the spec names the id deviceId; the body calls it id
      throw new IllegalArgumentException(m.startsWith("deviceId:") ? "id:" + m.substring("deviceId:".length()) : m, e);
    }
  }
}
