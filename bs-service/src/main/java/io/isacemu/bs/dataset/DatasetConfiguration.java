package io.isacemu.bs.dataset;

import io.isacemu.bs.BsProperties;
import io.isacemu.data.DatasetSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the dataset {@code isac.bs.dataset} names once at start-up (the synthetic generator, or a
 * pickle: the same record and keys as the devices') and keeps only its catalog. A pickle is read
 * labels-only ({@link io.isacemu.data.DatasetSettings#loadSummary()}): its features are streamed
 * over (digested for the fingerprint), never stored. Logs the fingerprint.
 */
@Configuration(proxyBeanMethods = false)
class DatasetConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetConfiguration.class);

  @Bean
  DatasetCatalog datasetCatalog(BsProperties properties) {
    try {
      DatasetSummary d = properties.dataset().loadSummary(); // a pickle's features are never held
      LOG.info("dataset {}: {}/{}/{} samples, fingerprint {}, {}", d.name(), d.train().size(), d.valid().size(),
          d.test().size(), d.fingerprint(), d.report());
      return DatasetCatalog.of(d);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("isac.bs.dataset." + e.getMessage(), e);
    }
  }
}
