package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.scenario.Scenarios;
import io.isacemu.scenario.model.Scenario;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioPlatformTest {

  @Test
  void theDefaultScenarioStartsTodaysThreeDevices() {
    PlatformConfig c = ScenarioPlatform.of(Scenario.DEFAULTS);
    assertThat(c.jvms()).extracting(PlatformConfig.DeviceJvm::name)
        .containsExactly("device-service-video", "device-service-audio", "device-service-text");
    assertThat(c.jvms().stream().flatMap(j -> j.devices().stream()).map(PlatformConfig.Device::id))
        .containsExactly("video-0", "audio-0", "text-0");
    PlatformConfig.Device text = c.jvms().get(2).devices().get(0);
    assertThat(text.props()).contains("modality=text", "sensing-rate-bps=100.0", "tx-power-dbm=23.0",
        "mobility.type=random-waypoint", "mobility.pause-s=1.0", "mobility.cell-radius-m=200.0");
    assertThat(text.props()).anyMatch(p -> p.startsWith("x-m=-60.0000"));
    assertThat(c.bsArgs()).contains("--isac.bs.radio.total-bandwidth-hz=2.0E7", "--isac.bs.time-scale-factor=0.01",
        "--isac.bs.processing=auto", "--isac.bs.dataset.seed=7");
    assertThat(c.deviceArgs()).contains("--isac.device.radio.bs-antennas=4", "--isac.device.platform-seed=42");
  }

  @Test
  void aGroupOfSeveralDevicesSharesOneJvmAndEveryKeyIsGivenOnce() {
    Scenario s = Scenarios.load("devices:\n  audio:\n    count: 3\n    mobility:\n      type: static\n", "d.yaml");
    PlatformConfig c = ScenarioPlatform.of(s);
    assertThat(c.deviceCount()).isEqualTo(5);
    assertThat(c.jvms().get(1).devices()).extracting(PlatformConfig.Device::id)
        .containsExactly("audio-0", "audio-1", "audio-2");
    assertThat(c.jvms().get(1).devices().get(0).props()).contains("mobility.type=static")
        .noneMatch(p -> p.startsWith("mobility.min-speed"));
    List<String> args = LocalPlatform.jvmArgs(c.jvms().get(1).devices(), 1, 2, 3, Map.of("audio-1", "tok"));
    assertThat(args).contains("--isac.device.devices[1].id=audio-1", "--isac.device.devices[1].auth-token=tok",
        "--isac.device.devices[2].modality=audio");
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(c.deviceArgs());
    List<String> keys = all.stream().map(a -> a.substring(0, a.indexOf('='))).toList();
    assertThat(new HashSet<>(keys)).as("Spring joins a repeated option's values").hasSize(keys.size());
  }
}
