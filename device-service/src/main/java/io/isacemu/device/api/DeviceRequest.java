package io.isacemu.device.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.device.config.DeviceProperties;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a fleet API body strictly: an unknown field or a value of the wrong type is refused naming
 * the field and the value (never ignored); an absent field takes the same default as the start-up
 * configuration ({@link DeviceProperties.Device}).
 */
final class DeviceRequest {

  static final Set<String> DEVICE_FIELDS = Set.of("id", "modality", "sensingRateBps", "txPowerDbm", "cpuHz",
      "flopsPerCycle", "kappa", "sensingPowerW", "xM", "yM", "distanceM", "mobility", "authToken");
  static final Set<String> MOBILITY_FIELDS = Set.of("type", "minSpeedMps", "maxSpeedMps", "pauseS", "cellRadiusM");
  static final Set<String> RADIO_FIELDS = Set.of("unitBandwidthHz", "noiseFigureDb", "bsAntennas", "shadowing", "fading");

  private DeviceRequest() {}

  /**
   * The device of {@code body}; {@code distanceM} places it on the x axis at that distance from the
   * BS (a shorthand for {@code xM = distanceM, yM = 0}; giving both is refused).
   */
  static DeviceProperties.Device device(JsonNode body, String sharedToken) {
    object(body, "", DEVICE_FIELDS);
    if (body.has("distanceM") && (body.has("xM") || body.has("yM"))) {
      throw new InvalidFieldException("distanceM", body.get("distanceM"), "give either distanceM or xM/yM, not both");
    }
    double xM = body.has("distanceM") ? nonNegative(body, "distanceM") : num(body, "xM", 0);
    JsonNode mob = body.path("mobility");
    DeviceProperties.Mobility mobility = new DeviceProperties.Mobility("static", 0.5, 1.5, 1.0, 200);
    if (!mob.isMissingNode()) {
      object(mob, "mobility.", MOBILITY_FIELDS);
      mobility = new DeviceProperties.Mobility(text(mob, "mobility.", "type", "static"),
          num(mob, "mobility.", "minSpeedMps", 0.5), num(mob, "mobility.", "maxSpeedMps", 1.5),
          num(mob, "mobility.", "pauseS", 1.0), num(mob, "mobility.", "cellRadiusM", 200));
    }
    return new DeviceProperties.Device(text(body, "", "id", null), text(body, "", "modality", null),
        num(body, "sensingRateBps", Double.NaN), num(body, "txPowerDbm", 23), num(body, "cpuHz", 1e9),
        num(body, "flopsPerCycle", 8), num(body, "kappa", 1e-28), num(body, "sensingPowerW", 0), xM,
        num(body, "yM", 0), mobility, text(body, "", "authToken", sharedToken));
  }

  /** The radio settings of {@code body} over {@code current}. */
  static DeviceProperties.Radio radio(JsonNode body, DeviceProperties.Radio current) {
    object(body, "", RADIO_FIELDS);
    JsonNode m = body.path("bsAntennas");
    Integer antennas = current.bsAntennas();
    if (!m.isMissingNode()) {
      if (!m.canConvertToInt() || !m.isIntegralNumber()) {
        throw new InvalidFieldException("bsAntennas", m, "must be an integer");
      }
      antennas = m.intValue();
    }
    return new DeviceProperties.Radio(antennas, num(body, "noiseFigureDb", current.noiseFigureDb()),
        num(body, "unitBandwidthHz", current.unitBandwidthHz()), bool(body, "shadowing", current.shadowing()),
        bool(body, "fading", current.fading()));
  }

  private static void object(JsonNode node, String prefix, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw new InvalidFieldException(prefix.isEmpty() ? "<body>" : prefix.substring(0, prefix.length() - 1),
          node, "must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new InvalidFieldException(prefix + f, node.get(f), "unknown field (known: " + String.join(", ",
            allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static double num(JsonNode node, String field, double absent) {
    return num(node, "", field, absent);
  }

  private static double num(JsonNode node, String prefix, String field, double absent) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      if (Double.isNaN(absent)) {
        throw new InvalidFieldException(prefix + field, null, "required");
      }
      return absent;
    }
    if (!v.isNumber()) {
      throw new InvalidFieldException(prefix + field, v, "must be a number, not " + v);
    }
    return v.doubleValue();
  }

  private static double nonNegative(JsonNode node, String field) {
    double v = num(node, field, Double.NaN);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InvalidFieldException(field, v, v + " must be a finite number ≥ 0");
    }
    return v;
  }

  private static String text(JsonNode node, String prefix, String field, String absent) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      if (absent == null) {
        throw new InvalidFieldException(prefix + field, null, "required");
      }
      return absent;
    }
    if (!v.isTextual()) {
      throw new InvalidFieldException(prefix + field, v, "must be a string, not " + v);
    }
    return v.textValue();
  }

  private static boolean bool(JsonNode node, String field, boolean absent) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new InvalidFieldException(field, v, "must be true or false, not " + v);
    }
    return v.booleanValue();
  }
}
