package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.core.mobility.Position;
import io.isacemu.core.modality.Modality;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.MobilitySpec;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep point's device fleet and cell radio, applied to the running platform before its
 * replications: the devices of modality {@code m} are {@code <m>-0 .. <m>-(count−1)} with the
 * point's {@code devices.<m>.*} values (extra ones removed, missing ones added, changed ones
 * re-created through the device-service's fleet API); a changed {@code B_min}, noise figure, {@code
 * M}, shadowing or fading is set at the BS ({@code PUT /api/cell}) and then on every device-service
 * ({@code PUT /api/radio}). Then it waits until the BS lists exactly the point's devices LIVE, each
 * changed one in a new session, and returns the effective fleet as the services report it.
 */
public final class PointFleet {

  /** How often the BS is polled for the new fleet, and how many times at most (2 minutes). */
  static final long POLL_MS = 100;
  static final int POLLS = 1200;

  private final FleetControl fleet;
  private final int polls;
  private final long pollMs;

  public PointFleet(FleetControl fleet) {
    this(fleet, POLLS, POLL_MS);
  }

  PointFleet(FleetControl fleet, int polls, long pollMs) {
    this.fleet = fleet;
    this.polls = polls;
    this.pollMs = pollMs;
  }

  /** The device-service bodies of {@code s}'s devices, per modality wire name, in id order. */
  static Map<String, List<Map<String, Object>>> desired(Scenario s) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (Modality m : Modality.values()) {
      DeviceGroup g = s.devices().get(m);
      String name = Wire.name(m);
      List<Position> at = g.startPositions();
      List<Map<String, Object>> devices = new ArrayList<>();
      for (int i = 0; i < g.count(); i++) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", name + "-" + i);
        d.put("modality", name);
        d.put("sensingRateBps", g.sensingRateBps());
        d.put("txPowerDbm", g.txPowerDbm());
        d.put("cpuHz", g.processor().cpuHz());
        d.put("flopsPerCycle", g.processor().flopsPerCycle());
        d.put("kappa", g.processor().kappa());
        d.put("xM", at.get(i).xM());
        d.put("yM", at.get(i).yM());
        Map<String, Object> mob = new LinkedHashMap<>();
        mob.put("type", g.mobility().type());
        if (g.mobility() instanceof MobilitySpec.RandomWaypoint w) {
          mob.put("minSpeedMps", w.minSpeedMps());
          mob.put("maxSpeedMps", w.maxSpeedMps());
          mob.put("pauseS", w.pauseSeconds());
          mob.put("cellRadiusM", s.cell().radiusM());
        }
        d.put("mobility", mob);
        devices.add(d);
      }
      out.put(name, devices);
    }
    return out;
  }

  /** The devices' radio settings of {@code s} (device-service {@code PUT /api/radio}). */
  static Map<String, Object> radio(Scenario s) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("unitBandwidthHz", s.cell().unitBandwidthHz());
    r.put("noiseFigureDb", s.cell().noiseFigureDb());
    r.put("bsAntennas", s.cell().bsAntennas());
    r.put("shadowing", s.cell().pathLoss().shadowingEnabled());
    r.put("fading", s.cell().pathLoss().fadingEnabled());
    return r;
  }

  /**
   * Applies {@code s}'s fleet and radio; returns the effective configuration: {@code radio} (as the
   * device-services report it), {@code devices} (per modality, as the device-services report them)
   * and {@code bsLive} (per modality, the ids the BS lists LIVE).
   *
   * @throws IllegalStateException naming the call or the device that did not take effect
   */
  Map<String, Object> apply(Scenario s) throws InterruptedException {
    Map<String, List<Map<String, Object>>> want = desired(s);
    Map<String, Object> radio = radio(s);
    Map<String, String> sessionsBefore = sessions(fleet.bsDevices());
    Set<String> renewed = new HashSet<>();
    boolean radioChanged = false;
    for (String m : want.keySet()) {
      radioChanged |= !same(radio, fleet.radio(m));
    }
    if (radioChanged) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("bandwidthHz", s.cell().bandwidthHz());
      cell.put("unitBandwidthHz", s.cell().unitBandwidthHz());
      cell.put("noiseFigureDb", s.cell().noiseFigureDb());
      cell.put("bsAntennas", s.cell().bsAntennas());
      fleet.applyCell(cell); // first: the BS then admits the devices' new Registers
      for (String m : want.keySet()) {
        fleet.retuneRadio(m, radio);
        fleet.devices(m).forEach(d -> renewed.add(d.path("id").asText()));
      }
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : want.entrySet()) {
      String m = e.getKey();
      Map<String, JsonNode> current = new HashMap<>();
      fleet.devices(m).forEach(d -> current.put(d.path("id").asText(), d));
      Set<String> wanted = new HashSet<>();
      for (Map<String, Object> d : e.getValue()) {
        String id = (String) d.get("id");
        wanted.add(id);
        JsonNode now = current.get(id);
        if (now == null) {
          fleet.add(m, d);
          renewed.add(id);
        } else if (!same(d, now)) {
          fleet.retune(m, id, d);
          renewed.add(id);
        }
      }
      for (String id : current.keySet()) {
        if (!wanted.contains(id)) {
          fleet.remove(m, id);
          renewed.remove(id);
        }
      }
    }
    Map<String, List<String>> live = awaitLive(want, renewed, sessionsBefore);
    Map<String, Object> eff = new LinkedHashMap<>();
    eff.put("radio", fleet.radio(want.keySet().iterator().next()));
    Map<String, Object> devices = new LinkedHashMap<>();
    want.keySet().forEach(m -> devices.put(m, fleet.devices(m)));
    eff.put("devices", devices);
    eff.put("bsLive", live);
    return eff;
  }

  /** Waits until the BS lists exactly the wanted ids LIVE, the renewed ones in a session other than before. */
  private Map<String, List<String>> awaitLive(Map<String, List<Map<String, Object>>> want, Set<String> renewed,
      Map<String, String> before) throws InterruptedException {
    Set<String> wanted = new HashSet<>();
    want.values().forEach(l -> l.forEach(d -> wanted.add((String) d.get("id"))));
    String last = "";
    for (int i = 0; i < polls; i++) {
      JsonNode bs = fleet.bsDevices();
      Map<String, List<String>> live = new LinkedHashMap<>();
      want.keySet().forEach(m -> live.put(m, new ArrayList<>()));
      Set<String> missing = new HashSet<>(wanted);
      Set<String> extra = new HashSet<>();
      for (JsonNode d : bs) {
        String id = d.path("deviceId").asText();
        if (!"LIVE".equals(d.path("status").asText())) {
          continue;
        }
        boolean fresh = !renewed.contains(id) || !d.path("sessionId").asText().equals(before.get(id));
        if (wanted.contains(id) && fresh) {
          missing.remove(id);
          live.computeIfAbsent(d.path("modality").asText().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
              .add(id);
        } else if (!wanted.contains(id)) {
          extra.add(id);
        }
      }
      if (missing.isEmpty() && extra.isEmpty()) {
        live.values().forEach(l -> l.sort(null));
        return live;
      }
      last = "not yet LIVE (in a new session): " + new java.util.TreeSet<>(missing) + "; LIVE but not wanted: "
          + new java.util.TreeSet<>(extra);
      Thread.sleep(pollMs);
    }
    throw new IllegalStateException("the BS did not list the point's fleet after " + polls + " polls "
        + pollMs + " ms apart: " + last);
  }

  private static Map<String, String> sessions(JsonNode bs) {
    Map<String, String> out = new HashMap<>();
    bs.forEach(d -> out.put(d.path("deviceId").asText(), d.path("sessionId").asText()));
    return out;
  }

  /** Whether every field of {@code want} (nested maps too) has the same value in {@code have}. */
  static boolean same(Map<String, Object> want, JsonNode have) {
    for (Map.Entry<String, Object> e : want.entrySet()) {
      JsonNode h = have.path(e.getKey());
      Object w = e.getValue();
      if (w instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> n = (Map<String, Object>) nested;
        if (!same(n, h)) {
          return false;
        }
      } else if (w instanceof Number num) {
        double a = num.doubleValue();
        // relative: κ is ~1e-28
        if (!h.isNumber() || Math.abs(h.doubleValue() - a) > 1e-12 * Math.max(Math.abs(a), Math.abs(h.doubleValue()))) {
          return false;
        }
      } else if (w instanceof Boolean b) {
        if (!h.isBoolean() || h.booleanValue() != b) {
          return false;
        }
      } else if (!h.asText().equals(String.valueOf(w))) {
        return false;
      }
    }
    return true;
  }
}
