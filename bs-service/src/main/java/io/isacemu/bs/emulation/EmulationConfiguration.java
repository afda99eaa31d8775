package io.isacemu.bs.emulation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The BS's one {@link EmulationClock}, from {@code isac.bs.emulation}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmulationProperties.class)
class EmulationConfiguration {

  @Bean
  EmulationClock emulationClock(EmulationProperties p) {
    return new EmulationClock(p.time(), p.seed());
  }
}
