package io.isacemu.bs.dataset;

import io.isacemu.bs.BsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the dataset {@code isac.bs.dataset} names once at start-up (the synthetic generator, or a
 * pickle: the same record and keys as the devices') and keeps only its catalog.
 */
@Configuration(proxyBeanMethods = false)
class DatasetConfiguration {

  @Bean
  DatasetCatalog datasetCatalog(BsProperties properties) {
    try {
      return DatasetCatalog.of(properties.dataset().load());
    } catch (IllegalStateException e) {
      throw new IllegalStateException("isac.bs.dataset." + e.getMessage(), e);
    }
  }
}
