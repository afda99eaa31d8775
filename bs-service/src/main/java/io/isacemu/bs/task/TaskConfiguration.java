package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.uplink.UplinkModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The isac-core system model the BS schedules with, from {@code isac.bs.radio} and {@code .mec}. */
@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

  @Bean
  UplinkModel uplinkModel(BsProperties p) {
    return p.radio().settings().uplink();
  }

  @Bean
  MecServer mecServer(BsProperties p) {
    return new MecServer(p.mec().cpuHz(), p.mec().flopsPerCycle());
  }

  @Bean
  SpectrumLedger spectrumLedger(UplinkModel uplink) {
    return new SpectrumLedger(uplink.spectrum());
  }
}
