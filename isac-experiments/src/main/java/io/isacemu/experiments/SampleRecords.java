package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.results.samples.DeviceUse;
import io.isacemu.results.samples.ProcessingPath;
import io.isacemu.results.samples.SampleCost;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.samples.SampleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one mapping from the BS's task JSON ({@code GET /api/tasks/{id}}) to isac-results' {@link
 * SampleRecord}s. The demo runs one sample per task, so a task's modelled latency, energy and bits
 * are its sample's.
 */
final class SampleRecords {

  private SampleRecords() {}

  /**
   * @param mode the mode the tasks ran in
   * @param tasks finished tasks
   * @param expertFlops expert name → analytic FLOPs per sample (the gate's own FLOPs not included)
   */
  static List<SampleRecord> of(String mode, List<JsonNode> tasks, Map<String, Double> expertFlops) {
    return of(0, Map.of(), 0, mode, tasks, expertFlops);
  }

  /**
   * As {@link #of(String, List, Map)} at sweep point {@code point} (its {@code axisValues}) in
   * replication {@code replication}.
   */
  static List<SampleRecord> of(int point, Map<String, String> axisValues, int replication, String mode,
      List<JsonNode> tasks, Map<String, Double> expertFlops) {
    List<SampleRecord> out = new ArrayList<>();
    for (JsonNode t : tasks) {
      JsonNode samples = t.path("samples");
      int n = Math.max(1, samples.size());
      List<DeviceUse> devices = devices(t.path("devices"));
      for (int i = 0; i < samples.size(); i++) {
        out.add(record(point, axisValues, replication, mode, t, samples.get(i), n, devices, expertFlops));
      }
    }
    return out;
  }

  private static SampleRecord record(int point, Map<String, String> axisValues, int replication, String mode, JsonNode t, JsonNode s, int n, List<DeviceUse> devices,
      Map<String, Double> expertFlops) {
    OptionalDouble prediction = s.hasNonNull("prediction") ? OptionalDouble.of(s.get("prediction").asDouble())
        : OptionalDouble.empty();
    Optional<String> expert = s.hasNonNull("expert") ? Optional.of(s.get("expert").asText()) : Optional.empty();
    SampleStatus status = prediction.isEmpty() ? SampleStatus.FAILED
        : s.path("degraded").asBoolean() ? SampleStatus.DEGRADED : SampleStatus.OK;
    String reason = t.path("reason").asText("");
    Optional<String> why = status == SampleStatus.OK ? Optional.empty()
        : Optional.of(reason.isBlank() ? status.name().toLowerCase(java.util.Locale.ROOT) : reason);
    JsonNode m = t.path("modelled");
    // per-task costs split evenly over the task's samples (one sample per task in the demo)
    SampleCost cost = new SampleCost(
        m.path("sensingSeconds").asDouble() / n, m.path("commSeconds").asDouble() / n,
        m.path("computeSeconds").asDouble() / n, m.path("totalSeconds").asDouble() / n,
        t.path("measured").path("totalSeconds").asDouble() / n, t.path("energyJ").asDouble() / n,
        Math.round(t.path("bits").asDouble() / n), expert.map(e -> expertFlops.getOrDefault(e, 0.0)).orElse(0.0));
    return new SampleRecord(point, axisValues, replication, mode, t.path("id").asText(), s.path("sampleId").asText(),
        s.path("label").asDouble(), prediction, expert, devices, cost, status, why);
  }

  /**
   * The devices that held units, with their effective SNR at the allocated band from eq. (5):
   * {@code R = B_k log2(1 + SNR)} ⇒ {@code SNR = 2^{R/B_k} − 1}, in dB.
   */
  private static List<DeviceUse> devices(JsonNode rounds) {
    List<DeviceUse> out = new ArrayList<>();
    for (JsonNode d : rounds) {
      double rate = d.path("rateBps").asDouble();
      double band = d.path("bandwidthHz").asDouble();
      int units = d.path("units").asInt();
      if (units <= 0 || rate <= 0 || band <= 0) {
        continue;
      }
      double snrDb = 10 * Math.log10(Math.pow(2, rate / band) - 1);
      if (!Double.isFinite(snrDb)) {
        continue;
      }
      ProcessingPath path = "LOCAL".equalsIgnoreCase(d.path("mode").asText()) ? ProcessingPath.LOCAL : ProcessingPath.OFFLOAD;
      out.add(new DeviceUse(d.path("deviceId").asText(), units, path, snrDb));
    }
    return out;
  }
}
