package io.isacemu.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The device-service of each modality, from {@link ScenarioPlatform}'s names ({@code device-service-<modality>}). */
final class ScenarioFleetUrls {

  static final String PREFIX = "device-service-";

  private ScenarioFleetUrls() {}

  /** modality wire name → base URL. */
  static Map<String, String> byModality(Map<String, String> byName) {
    Map<String, String> out = new LinkedHashMap<>();
    byName.forEach((name, url) -> {
      if (name.startsWith(PREFIX)) {
        out.put(name.substring(PREFIX.length()), url);
      }
    });
    return out;
  }
}
