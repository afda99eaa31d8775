package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.core.modality.Modality;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.model.DatasetSpec;
import io.isacemu.scenario.model.DeviceGroup;
import io.isacemu.scenario.model.Range;
import io.isacemu.scenario.model.Scenario;
import io.isacemu.scenario.model.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's start-up settings (what the runner cannot change without restarting the services)
 * against what the running platform reports: the BS's {@code GET /api/cell}, {@code /api/dataset},
 * {@code /api/emulation} and {@code /api/devices}. Each difference is a {@link Problem} at the
 * scenario's key path. Compared with the services' own reports rather than a remembered start-up
 * configuration, because the platform may have been started by compose, k8s or hand, and only the
 * services know what they run. Not reported by them, so not compared: the MEC, the serving time
 * scale and processing, mobility, positions and the dataset's generator settings beyond its size.
 */
public final class StartupSettings {

  private StartupSettings() {}

  /** The BS's reports, fetched with {@code http}. */
  public static List<Problem> differences(Scenario s, JsonHttpClient http, String bsUrl) {
    return differences(s, http.getJson(bsUrl + "/api/cell"), http.getJson(bsUrl + "/api/dataset"),
        http.getJson(bsUrl + "/api/emulation"), http.getJson(bsUrl + "/api/devices"));
  }

  /**
   * @param cell {@code GET /api/cell}
   * @param dataset {@code GET /api/dataset}
   * @param emulation {@code GET /api/emulation}
   * @param devices {@code GET /api/devices} (an array)
   */
  static List<Problem> differences(Scenario s, JsonNode cell, JsonNode dataset, JsonNode emulation, JsonNode devices) {
    List<Problem> out = new ArrayList<>();
    var c = s.cell();
    num(out, "cell.unitBandwidthHz", c.unitBandwidthHz(), cell.path("unitBandwidthHz"));
    num(out, "cell.noiseFigureDb", c.noiseFigureDb(), cell.path("noiseFigureDb"));
    num(out, "cell.bsAntennas", c.bsAntennas(), cell.path("bsAntennas"));
    text(out, "dataset.source", s.dataset().source(), dataset.path("source"));
    if (s.dataset() instanceof DatasetSpec.Synthetic syn) {
      SyntheticConfig d = syn.config();
      num(out, "dataset.testSize", d.testSize(), dataset.path("testSize"));
      // the synthetic generator is aligned: every modality's T_m ({@code sequenceLengths}) is its one T
      for (Modality m : Modality.values()) {
        num(out, "dataset.sequenceLength", d.sequenceLength(), dataset.path("sequenceLengths").path(Wire.name(m)),
            " (" + Wire.name(m) + ")");
      }
    }
    // with replications > 1 every replication resets the traces to seed + r, whatever the platform's seed
    if (s.replications() == 1) {
      num(out, "seed", s.seed(), emulation.path("seed"));
    }
    for (Modality m : Modality.values()) {
      DeviceGroup g = s.devices().get(m);
      String name = Wire.name(m);
      List<JsonNode> live = new ArrayList<>();
      devices.forEach(d -> {
        if (d.path("modality").asText().equalsIgnoreCase(m.name()) && "LIVE".equals(d.path("status").asText())) {
          live.add(d);
        }
      });
      if (live.size() != g.count()) {
        out.add(new Problem("devices." + name + ".count", Integer.toString(g.count()),
            g.count() + " differs from the running platform's " + live.size() + " LIVE " + name + " devices"
                + " (a start-up setting: restart the platform with this scenario, e.g. ./run.sh SCENARIO --keep-running)"));
        continue;
      }
      for (JsonNode d : live) {
        String at = " (device " + d.path("deviceId").asText() + ")";
        int before = out.size();
        num(out, "devices." + name + ".sensingRateBps", g.sensingRateBps(), d.path("sensingRateBps"), at);
        num(out, "devices." + name + ".cpuHz", g.processor().cpuHz(), d.path("cpuHz"), at);
        num(out, "devices." + name + ".flopsPerCycle", g.processor().flopsPerCycle(), d.path("flopsPerCycle"), at);
        if (out.size() > before) {
          break; // one device of the group names the difference
        }
      }
    }
    return out;
  }

  private static void num(List<Problem> out, String key, double want, JsonNode have) {
    num(out, key, want, have, "");
  }

  private static void num(List<Problem> out, String key, double want, JsonNode have, String where) {
    if (!have.isNumber()) {
      out.add(new Problem(key, Range.show(want), "the running platform does not report it" + where));
    } else if (Math.abs(want - have.asDouble()) > 1e-9 * Math.max(1, Math.abs(want))) {
      out.add(new Problem(key, Range.show(want), Range.show(want) + " differs from the running platform's "
          + Range.show(have.asDouble()) + where + "; a start-up setting: restart the platform with this scenario"));
    }
  }

  private static void text(List<Problem> out, String key, String want, JsonNode have) {
    if (!want.equalsIgnoreCase(have.asText())) {
      out.add(new Problem(key, want, "'" + want + "' differs from the running platform's '" + have.asText()
          + "'; a start-up setting: restart the platform with this scenario"));
    }
  }
}
