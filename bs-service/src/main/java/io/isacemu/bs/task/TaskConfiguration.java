package io.isacemu.bs.task;

import io.isacemu.bs.BsProperties;
import io.isacemu.core.compute.MecServer;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The isac-core system model the BS schedules with, from {@code isac.bs.radio} and {@code .mec}. */
@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

  @Bean
  UplinkModel uplinkModel(BsProperties p) {
    return new UplinkModel(new Spectrum(p.radio().totalBandwidthHz(), p.radio().unitBandwidthHz()),
        ThermalNoise.withNoiseFigure(p.radio().noiseFigureDb()), p.radio().bsAntennas());
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
