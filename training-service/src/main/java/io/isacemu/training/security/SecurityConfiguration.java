package io.isacemu.training.security;

import io.isacemu.security.ApiKeyCredential;
import io.isacemu.security.ApiKeySecurityConfiguration;
import io.isacemu.training.TrainingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The training service's REST protection (isac-service-support): reads open, every write (submitting and
 * cancelling jobs) needs {@code isac.training.api-key} in {@code X-Api-Key}; no key = no writes.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeySecurityConfiguration.class)
public class SecurityConfiguration {

  @Bean
  ApiKeyCredential apiKey(TrainingProperties properties) {
    return new ApiKeyCredential("isac.training.api-key", properties.apiKey());
  }
}
