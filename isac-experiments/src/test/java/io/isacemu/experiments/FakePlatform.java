package io.isacemu.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The BS side of {@link PlatformControl} in memory: tasks finish when awaited; every call recorded. */
final class FakePlatform implements PlatformControl {

  static final ObjectMapper JSON = new ObjectMapper();

  final List<Double> cells = new ArrayList<>();
  final List<Long> replicationSeeds = new ArrayList<>();
  final List<Map<String, Object>> submitted = new ArrayList<>();
  final Map<String, Map<String, Object>> open = new LinkedHashMap<>();
  int maxOpen;
  double bandwidthHz = 20e6;
  /** A band that makes applyCell fail, as a BS answering 400 would. */
  OptionalDouble refusedBand = OptionalDouble.empty();

  @Override
  public JsonNode applyCell(double b) {
    if (refusedBand.isPresent() && refusedBand.getAsDouble() == b) {
      throw new IllegalStateException("PUT /api/cell bandwidthHz " + b + ": 400 refused");
    }
    cells.add(b);
    bandwidthHz = b;
    return cell();
  }

  @Override
  public JsonNode cell() {
    return JSON.createObjectNode().put("bandwidthHz", bandwidthHz).put("unitBandwidthHz", 180e3)
        .put("units", (int) Math.floor(bandwidthHz / 180e3));
  }

  @Override
  public void startReplication(long seed) {
    replicationSeeds.add(seed);
  }

  @Override
  public String submit(Map<String, Object> task) {
    String id = "t-" + submitted.size();
    submitted.add(task);
    open.put(id, task);
    maxOpen = Math.max(maxOpen, open.size());
    return id;
  }

  @Override
  @SuppressWarnings("unchecked")
  public JsonNode await(String taskId) {
    Map<String, Object> task = open.remove(taskId);
    ObjectNode t = JSON.createObjectNode().put("id", taskId).put("status", "DONE").put("reason", "");
    ArrayNode samples = t.putArray("samples");
    for (String s : (List<String>) task.get("sampleIds")) {
      samples.addObject().put("sampleId", s).put("label", 1.0).put("prediction", 0.5).put("expert", "T")
          .put("degraded", false);
    }
    t.putArray("devices");
    // a narrower band takes longer on the air
    t.putObject("modelled").put("sensingSeconds", 0.1).put("commSeconds", 1e6 / bandwidthHz)
        .put("computeSeconds", 0.01).put("totalSeconds", 0.11 + 1e6 / bandwidthHz);
    t.putObject("measured").put("totalSeconds", 0.01);
    t.put("energyJ", 0.01).put("bits", 100);
    return t;
  }
}
