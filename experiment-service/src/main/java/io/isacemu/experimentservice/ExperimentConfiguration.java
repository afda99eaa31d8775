package io.isacemu.experimentservice;

import io.isacemu.experimentservice.run.ExperimentPlatform;
import io.isacemu.experimentservice.run.ExperimentStore;
import io.isacemu.experimentservice.run.Experiments;
import io.isacemu.experimentservice.run.HttpExperimentPlatform;
import io.isacemu.http.JsonHttpClient;
import io.isacemu.support.ClockConfiguration;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The runner's wiring: the platform over REST, the store under the results dir, the queue. */
@Configuration(proxyBeanMethods = false)
class ExperimentConfiguration {

  @Bean
  ExperimentPlatform experimentPlatform(ExperimentProperties p) {
    JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMinutes(5)).withApiKey(p.apiKey());
    return new HttpExperimentPlatform(http, p.endpoints(), p.deviceUrls());
  }

  @Bean
  ExperimentStore experimentStore(ExperimentProperties p) {
    return new ExperimentStore(p.resultsDir());
  }

  @Bean(destroyMethod = "close")
  Experiments experiments(ExperimentStore store, ExperimentPlatform platform, Clock clock, ExperimentProperties p) {
    return new Experiments(store, platform, clock, ClockConfiguration.nanos(clock), p.queueCapacity(),
        p.retryAfterSeconds());
  }
}
