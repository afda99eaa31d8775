package io.isacemu.bs.dataset;

import io.isacemu.bs.BsProperties;
import io.isacemu.data.synthetic.SyntheticDataset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Generates the seeded synthetic dataset once at start-up and keeps only its catalog. */
@Configuration(proxyBeanMethods = false)
class DatasetConfiguration {

  @Bean
  DatasetCatalog datasetCatalog(BsProperties properties) {
    return DatasetCatalog.of(SyntheticDataset.generate(properties.dataset().toConfig()));
  }
}
