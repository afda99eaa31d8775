package io.isacemu.bs.model;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model holder and the DJL loader. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

  @Bean(destroyMethod = "close")
  ModelHolder modelHolder(Clock clock) {
    return new ModelHolder(clock);
  }

  @Bean(destroyMethod = "close")
  DjlModelLoader modelLoader() {
    return new DjlModelLoader();
  }
}
