package io.isacemu.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A request's API key: unauthenticated as presented, authenticated (as the operator) once the
 * provider has checked it.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  /** The one principal a valid key stands for. */
  static final String OPERATOR = "operator";

  private final transient String presented;

  private ApiKeyAuthentication(String presented, boolean authenticated) {
    super(authenticated ? AuthorityUtils.createAuthorityList("ROLE_OPERATOR") : List.of());
    this.presented = presented;
    setAuthenticated(authenticated);
  }

  static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key, false);
  }

  static ApiKeyAuthentication operator() {
    return new ApiKeyAuthentication("", true);
  }

  @Override
  public Object getCredentials() {
    return presented;
  }

  @Override
  public Object getPrincipal() {
    return OPERATOR;
  }

  @Override
  public void eraseCredentials() {
    // the presented key is a String: nothing to wipe, and nothing keeps it past the request
  }
}
