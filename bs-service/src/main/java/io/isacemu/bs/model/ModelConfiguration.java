package io.isacemu.bs.model;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model holder and the DJL loader. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

  @Bean(destroyMethod = "close")
  ModelHolder modelHolder() {
    return new ModelHolder();
  }

  @Bean(destroyMethod = "close")
  DjlModelLoader modelLoader() {
    return new DjlModelLoader();
  }
}
