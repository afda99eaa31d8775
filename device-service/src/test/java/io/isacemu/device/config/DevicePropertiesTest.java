package io.isacemu.device.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.data.synthetic.SyntheticConfig;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.MobilitySpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DevicePropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DeviceProperties.class)
  static class Bind {}

  private static final String[] ONE_DEVICE = {
    "isac.device.devices[0].id=video-0",
    "isac.device.devices[0].modality=video",
    "isac.device.devices[0].sensing-rate-bps=4e6",
  };

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Bind.class).withPropertyValues(ONE_DEVICE);

  private AbstractThrowableAssert<?, ? extends Throwable> startupFailure(String... properties) {
    Throwable[] failure = new Throwable[1];
    runner.withPropertyValues(properties).run(context -> failure[0] = context.getStartupFailure());
    assertThat(failure[0]).as("startup failure").isNotNull();
    // The outermost IllegalArgumentException carries the full property path (inner ones are the
    // un-prefixed causes).
    Throwable t = failure[0];
    while (t != null && !(t instanceof IllegalArgumentException)) {
      t = t.getCause();
    }
    return assertThat(t).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unsetRadioKeysTakeTheCoreDefaultsTheBsHasAndASetOneIsBoundAndChecked() {
    runner.run(context -> assertThat(context.getBean(DeviceProperties.class).radio().settings().disagreement(
        io.isacemu.core.uplink.RadioSettings.DEFAULTS)).isEmpty());
    runner.withPropertyValues("isac.device.radio.bs-antennas=2").run(context ->
        assertThat(context.getBean(DeviceProperties.class).radio().settings().bsAntennas()).isEqualTo(2));
    startupFailure("isac.device.radio.bs-antennas=0").hasMessageContaining("radio.bsAntennas");
  }

  @Test
  void bindsDefaultsAndKebabCaseKeys() {
    runner.withPropertyValues(
            "isac.device.devices[0].x-m=30",
            "isac.device.devices[0].y-m=-40",
            "isac.device.devices[0].mobility.type=random-waypoint",
            "isac.device.devices[0].mobility.max-speed-mps=2.5")
        .run(context -> {
          DeviceProperties p = context.getBean(DeviceProperties.class);
          assertThat(p.bs().host()).isEqualTo("localhost");
          assertThat(p.bs().port()).isEqualTo(9090);
          assertThat(p.timeScale()).isEqualTo(0.001);
          assertThat(p.reconnect().policy().initialMs()).isEqualTo(100);
          assertThat(p.reconnect().policy().maxMs()).isEqualTo(5000);
          assertThat(p.dataset().isSynthetic()).isTrue();
          assertThat(p.dataset().syntheticConfig()).isEqualTo(SyntheticConfig.defaults());
          DeviceSpec spec = p.deviceSpecs().get(0);
          assertThat(spec.modality()).isEqualTo(Modality.VIDEO);
          assertThat(spec.txPowerDbm()).isEqualTo(23);
          assertThat(spec.processor().cpuHz()).isEqualTo(1e9);
          assertThat(spec.mobility()).isInstanceOfSatisfying(MobilitySpec.Waypoint.class, w -> {
            assertThat(w.start().xM()).isEqualTo(30);
            assertThat(w.start().yM()).isEqualTo(-40);
            assertThat(w.parameters().maxSpeedMps()).isEqualTo(2.5);
            assertThat(w.parameters().cellRadiusM()).isEqualTo(200);
          });
        });
  }

  @Test
  void badModalityNamesFieldAndValue() {
    startupFailure("isac.device.devices[0].modality=smell")
        .hasMessageContaining("devices[0].modality")
        .hasMessageContaining("smell");
  }

  @Test
  void txPowerOutOfRangeNamesFieldAndValue() {
    startupFailure("isac.device.devices[0].tx-power-dbm=-100")
        .hasMessageContaining("devices[0].txPowerDbm: -100.0");
  }

  @Test
  void negativeSensingRateAndZeroCpuAreRejected() {
    startupFailure("isac.device.devices[0].sensing-rate-bps=-5")
        .hasMessageContaining("devices[0].sensingRateBps: -5.0");
    startupFailure("isac.device.devices[0].cpu-hz=0")
        .hasMessageContaining("devices[0].cpuHz: 0.0");
  }

  @Test
  void badMobilityAndDuplicateIdsAreRejected() {
    startupFailure("isac.device.devices[0].mobility.type=random-waypoint",
        "isac.device.devices[0].mobility.min-speed-mps=3")
        .hasMessageContaining("devices[0].mobility.minSpeedMps: 3.0");
    startupFailure("isac.device.devices[0].mobility.type=teleport")
        .hasMessageContaining("devices[0].mobility.type: 'teleport'");
    startupFailure("isac.device.devices[1].id=video-0", "isac.device.devices[1].modality=audio",
        "isac.device.devices[1].sensing-rate-bps=128e3")
        .hasMessageContaining("devices[1].id: 'video-0'");
  }

  @Test
  void processWideSettingsAreValidated() {
    startupFailure("isac.device.time-scale=0").hasMessageContaining("timeScale: 0.0");
    startupFailure("isac.device.bs.port=70000").hasMessageContaining("bs.port: 70000");
    startupFailure("isac.device.reconnect.max-ms=50").hasMessageContaining("reconnect.maxMs: 50");
    startupFailure("isac.device.dataset.source=csv").hasMessageContaining("source: 'csv' must be synthetic or pickle");
    startupFailure("isac.device.dataset.source=pickle").hasMessageContaining("path: '' is required");
  }

  @Test
  void noDevicesIsAnError() {
    new ApplicationContextRunner().withUserConfiguration(Bind.class).run(context ->
        assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("devices: none configured"));
  }
}
