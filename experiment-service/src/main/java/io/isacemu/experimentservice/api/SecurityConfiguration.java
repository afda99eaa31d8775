package io.isacemu.experimentservice.api;

import io.isacemu.experimentservice.ExperimentProperties;
import io.isacemu.security.ApiKeyCredential;
import io.isacemu.security.ApiKeySecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The REST protection (isac-service-support), as on the BS: reads open (status, files), every write
 * (submit, cancel) needs {@code isac.experiments.api-key} in {@code X-Api-Key}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeySecurityConfiguration.class)
class SecurityConfiguration {

  @Bean
  ApiKeyCredential apiKey(ExperimentProperties properties) {
    return new ApiKeyCredential("isac.experiments.api-key", properties.apiKey());
  }
}
