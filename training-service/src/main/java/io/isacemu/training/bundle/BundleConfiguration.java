package io.isacemu.training.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.training.TrainingProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the {@link BundleStore} at {@code isac.training.bundle-dir}. */
@Configuration(proxyBeanMethods = false)
class BundleConfiguration {

  @Bean
  BundleStore bundleStore(TrainingProperties properties, Clock clock, ObjectMapper json) {
    return new BundleStore(properties.bundleDir(), clock, json);
  }
}
