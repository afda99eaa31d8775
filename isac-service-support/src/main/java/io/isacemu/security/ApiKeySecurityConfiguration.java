package io.isacemu.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Spring wiring of {@link ApiKeyWebSecurity}. A service imports it and declares one bean, its
 * {@link ApiKeyCredential}:
 *
 * <pre>{@code
 * @Configuration @Import(ApiKeySecurityConfiguration.class)
 * class SecurityConfiguration {
 *   @Bean ApiKeyCredential apiKey(MyProperties p) { return new ApiKeyCredential("isac.x.api-key", p.apiKey()); }
 * }
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ApiKeySecurityConfiguration {

  @Bean
  ApiKeyWebSecurity apiKeyWebSecurity(ApiKeyCredential credential, ObjectProvider<MeterRegistry> meters) {
    // slice tests have no meter registry; the services always have one (actuator)
    return new ApiKeyWebSecurity(credential, meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  SecurityFilterChain apiKeyFilterChain(HttpSecurity http, ApiKeyWebSecurity security) throws Exception {
    return security.filterChain(http);
  }

  @Bean
  WebSecurityCustomizer apiKeyFirewall(ApiKeyWebSecurity security) {
    return security.firewall();
  }

  /** As a bean, so that Spring Boot creates no default user with a generated password. */
  @Bean
  AuthenticationProvider apiKeyAuthenticationProvider(ApiKeyWebSecurity security) {
    return security.provider();
  }
}
