package io.isacemu.security;

import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;

/** Checks a presented API key against the service's {@link ApiKeyCredential}. */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeyCredential credential;

  public ApiKeyAuthenticationProvider(ApiKeyCredential credential) {
    this.credential = Objects.requireNonNull(credential, "credential");
  }

  public ApiKeyCredential credential() {
    return credential;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (!credential.configured()) {
      throw new DisabledException(ApiKeyProblems.disabledDetail(credential));
    }
    if (!credential.matches((String) authentication.getCredentials())) {
      throw new BadCredentialsException("invalid " + ApiKeyCredential.HEADER);
    }
    return ApiKeyAuthentication.operator();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
