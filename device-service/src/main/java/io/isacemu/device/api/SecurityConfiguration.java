package io.isacemu.device.api;

import io.isacemu.device.config.DeviceProperties;
import io.isacemu.security.ApiKeyCredential;
import io.isacemu.security.ApiKeySecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The device-service's REST protection, the BS's mechanism (isac-service-support): reads open, every
 * write (the fleet API) needs {@code isac.device.api-key} in {@code X-Api-Key}; no key = no writes.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeySecurityConfiguration.class)
class SecurityConfiguration {

  @Bean
  ApiKeyCredential apiKey(DeviceProperties properties) {
    return new ApiKeyCredential("isac.device.api-key", properties.apiKey());
  }
}
