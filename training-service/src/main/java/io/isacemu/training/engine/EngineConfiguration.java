package io.isacemu.training.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the {@link TrainingEngine}: the DJL engine of module isac-learning. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  TrainingEngine trainingEngine(java.time.Clock clock) {
    return new DjlTrainingEngine(clock);
  }
}
