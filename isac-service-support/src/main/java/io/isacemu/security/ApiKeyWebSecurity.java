package io.isacemu.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The services' one REST protection, built on Spring Security.
 *
 * <p>The rule holds without any path matching, so no spelling of a path can get around it: a {@code
 * GET}, {@code HEAD} or {@code OPTIONS} is open (reads, health, metrics, API docs); every other
 * method, on every path, needs the configured key in {@value ApiKeyCredential#HEADER}. Before that,
 * Spring Security's {@link StrictHttpFirewall} refuses (400) request lines that servers and filters
 * may read differently: path parameters ({@code ;}), encoded {@code /}, {@code .} or {@code %},
 * {@code ..} segments, {@code //}. No session, no CSRF token (no cookies are used), no form or basic
 * login, and no method override: a {@code POST} is a {@code POST} whatever a header or parameter says.
 *
 * <p>Wired by {@link ApiKeySecurityConfiguration}.
 */
public final class ApiKeyWebSecurity {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final ApiKeyAuthenticationProvider provider;
  private final ApiKeyProblems problems;

  public ApiKeyWebSecurity(ApiKeyCredential credential, MeterRegistry meters) {
    this.provider = new ApiKeyAuthenticationProvider(credential);
    this.problems = new ApiKeyProblems(credential, meters);
  }

  /** The provider; expose it as a bean, so that Spring Boot creates no default user with a password. */
  public ApiKeyAuthenticationProvider provider() {
    return provider;
  }

  /** The filter chain for every request of the service. */
  public SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
    AuthenticationFilter apiKey = new AuthenticationFilter(new ProviderManager(provider), ApiKeyWebSecurity::presented);
    apiKey.setSuccessHandler((request, response, authentication) -> { }); // go on down the chain
    apiKey.setFailureHandler((request, response, e) -> problems.refused(response, e));
    return http
        .securityMatcher(request -> true)
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAt(apiKey, BasicAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers(ApiKeyWebSecurity::isRead).permitAll()
            .anyRequest().authenticated())
        .exceptionHandling(e -> e
            .authenticationEntryPoint((request, response, ex) -> problems.unauthenticated(request, response))
            .accessDeniedHandler((request, response, ex) -> problems.unauthenticated(request, response)))
        .build();
  }

  /** The firewall's refusals as problem details (400, naming what was refused), counted. */
  public WebSecurityCustomizer firewall() {
    return web -> web.httpFirewall(new StrictHttpFirewall())
        .requestRejectedHandler((request, response, e) -> problems.rejected(response, e));
  }

  static boolean isRead(HttpServletRequest request) {
    return READS.contains(request.getMethod());
  }

  /** The presented key, or none (then the request goes on unauthenticated: fine for reads only). */
  private static ApiKeyAuthentication presented(HttpServletRequest request) {
    String key = request.getHeader(ApiKeyCredential.HEADER);
    return key == null ? null : ApiKeyAuthentication.presented(key);
  }
}
