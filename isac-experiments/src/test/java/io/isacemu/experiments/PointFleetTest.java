package io.isacemu.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.sweep.SweepPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointFleetTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Device-services and a BS in memory: every device held is LIVE at the BS, each change a new session. */
  static final class FakeFleet implements FleetControl {
    final Map<String, Map<String, ObjectNode>> held = new LinkedHashMap<>();
    final Map<String, ObjectNode> radio = new LinkedHashMap<>();
    final Map<String, Integer> sessions = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean bsIgnoresNewDevices;
    int session;

    FakeFleet(Scenario base) {
      PointFleet.desired(base).forEach((m, list) -> {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        list.forEach(d -> {
          byId.put((String) d.get("id"), JSON.valueToTree(d));
          sessions.put((String) d.get("id"), ++session);
        });
        held.put(m, byId);
        radio.put(m, JSON.valueToTree(PointFleet.radio(base)));
      });
    }

    @Override public JsonNode devices(String m) {
      ArrayNode a = JSON.createArrayNode();
      held.get(m).values().forEach(a::add);
      return a;
    }

    @Override public JsonNode add(String m, Map<String, Object> d) {
      calls.add("add " + d.get("id"));
      held.get(m).put((String) d.get("id"), JSON.valueToTree(d));
      if (!bsIgnoresNewDevices) {
        sessions.put((String) d.get("id"), ++session);
      }
      return JSON.valueToTree(d);
    }

    @Override public JsonNode retune(String m, String id, Map<String, Object> d) {
      calls.add("retune " + id);
      held.get(m).put(id, JSON.valueToTree(d));
      sessions.put(id, ++session);
      return JSON.valueToTree(d);
    }

    @Override public void remove(String m, String id) {
      calls.add("remove " + id);
      held.get(m).remove(id);
      sessions.remove(id);
    }

    @Override public JsonNode radio(String m) {
      return radio.get(m);
    }

    @Override public JsonNode retuneRadio(String m, Map<String, Object> r) {
      calls.add("radio " + m);
      radio.put(m, JSON.valueToTree(r));
      held.get(m).keySet().forEach(id -> sessions.put(id, ++session));
      return radio.get(m);
    }

    @Override public JsonNode applyCell(Map<String, Object> cell) {
      calls.add("cell " + cell.get("noiseFigureDb"));
      return JSON.valueToTree(cell);
    }

    @Override public JsonNode bsDevices() {
      ArrayNode a = JSON.createArrayNode();
      sessions.forEach((id, s) -> a.addObject().put("deviceId", id).put("sessionId", "s" + s).put("status", "LIVE")
          .put("modality", id.substring(0, id.indexOf('-')).toUpperCase(java.util.Locale.ROOT)));
      return a;
    }
  }

  private static List<SweepPoint> points(String yaml) {
    return Scenarios.expand(Scenarios.load(yaml, "t.yaml"));
  }

  @Test
  void countsAddAndRemoveDevicesNamedByModalityAndIndex() throws Exception {
    List<SweepPoint> p = points("sweep:\n  axes:\n    devices.video.count: [1, 3, 2]\n");
    FakeFleet f = new FakeFleet(p.get(0).scenario());
    PointFleet fleet = new PointFleet(f);
    assertThat(fleet.apply(p.get(0).scenario()).get("bsLive")).isEqualTo(
        Map.of("video", List.of("video-0"), "audio", List.of("audio-0"), "text", List.of("text-0")));
    assertThat(f.calls).as("the base fleet is left alone").isEmpty();
    Map<String, Object> eff = fleet.apply(p.get(1).scenario());
    assertThat(f.calls).containsExactly("add video-1", "add video-2");
    assertThat(((Map<?, ?>) eff.get("bsLive")).get("video")).isEqualTo(List.of("video-0", "video-1", "video-2"));
    f.calls.clear();
    fleet.apply(p.get(2).scenario());
    // the devices spread evenly on their circle: video-1 moves from 120° to 180°
    assertThat(f.calls).containsExactly("retune video-1", "remove video-2");
  }

  @Test
  void aDistanceRetunesEveryDeviceOfTheModalityAndTheRecordShowsIt() throws Exception {
    List<SweepPoint> p = points("sweep:\n  axes:\n    devices.audio.distanceM: [20, 180]\n"
        + "devices:\n  audio: {count: 2}\n");
    FakeFleet f = new FakeFleet(p.get(0).scenario());
    Map<String, Object> eff = new PointFleet(f).apply(p.get(1).scenario());
    assertThat(f.calls).containsExactly("retune audio-0", "retune audio-1");
    JsonNode audio = (JsonNode) ((Map<?, ?>) eff.get("devices")).get("audio");
    assertThat(Math.hypot(audio.get(1).path("xM").asDouble(), audio.get(1).path("yM").asDouble())).isCloseTo(180,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aSharedCellKeyChangesTheBsFirstThenEveryDeviceService() throws Exception {
    List<SweepPoint> p = points("sweep:\n  axes:\n    cell.noiseFigureDb: [9, 5]\n");
    FakeFleet f = new FakeFleet(p.get(0).scenario());
    new PointFleet(f).apply(p.get(1).scenario());
    assertThat(f.calls).containsExactly("cell 5.0", "radio video", "radio audio", "radio text");
  }

  @Test
  void aDeviceTheBsNeverListsFailsThePointNamingIt() {
    List<SweepPoint> p = points("sweep:\n  axes:\n    devices.text.count: [1, 2]\n");
    FakeFleet f = new FakeFleet(p.get(0).scenario());
    f.bsIgnoresNewDevices = true;
    PointFleet fleet = new PointFleet(f, 3, 1);
    assertThatThrownBy(() -> fleet.apply(p.get(1).scenario())).hasMessageContaining("text-1");
  }
}
