package io.isacemu.bs.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.bs.BsProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mutating requests under {@code /api/} need the configured key in {@code X-Api-Key} (compared in
 * constant time); otherwise 401 with a problem detail. With no key configured every mutating request
 * is refused. Reads are open.
 */
@Component
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Api-Key";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final byte[] key;
  private final ObjectMapper json;

  ApiKeyFilter(BsProperties properties, ObjectMapper json) {
    this.key = properties.apiKey().getBytes(StandardCharsets.UTF_8);
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return SAFE.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    if (key.length > 0 && given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
      chain.doFilter(request, response);
      return;
    }
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, key.length == 0
        ? "no API key is configured (isac.bs.api-key); mutating endpoints are disabled"
        : (given == null ? "missing " + HEADER + " header" : "invalid " + HEADER));
    p.setTitle("Unauthorized");
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), p);
  }
}
