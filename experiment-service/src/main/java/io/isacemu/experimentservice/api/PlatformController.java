package io.isacemu.experimentservice.api;

import io.isacemu.experimentservice.ExperimentProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which platform the experiments run on (the configured URLs; the key stays out). */
@RestController
class PlatformController {

  private final ExperimentProperties properties;

  PlatformController(ExperimentProperties properties) {
    this.properties = properties;
  }

  @GetMapping("/api/platform")
  Map<String, Object> platform() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bsUrl", properties.bsUrl());
    m.put("trainingUrl", properties.trainingUrl());
    m.put("deviceUrls", properties.deviceUrls());
    m.put("queueCapacity", properties.queueCapacity());
    return m;
  }
}
