package io.isacemu.training.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@link TrainingEngine}. Until the DJL adapter (module isac-learning) is plugged in
 * here, the engine is {@link UnavailableTrainingEngine}, which fails every job with a clear reason.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  TrainingEngine trainingEngine() {
    return new UnavailableTrainingEngine();
  }
}
