package io.isacemu.bs.api;

import io.isacemu.bs.BsProperties;
import io.isacemu.security.ApiKeyCredential;
import io.isacemu.security.ApiKeySecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The BS's REST protection (isac-service-support): reads open, every write (tasks, experiments) needs
 * {@code isac.bs.api-key} in {@code X-Api-Key}; no key configured = no writes.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeySecurityConfiguration.class)
class SecurityConfiguration {

  @Bean
  ApiKeyCredential apiKey(BsProperties properties) {
    return new ApiKeyCredential("isac.bs.api-key", properties.apiKey());
  }
}
