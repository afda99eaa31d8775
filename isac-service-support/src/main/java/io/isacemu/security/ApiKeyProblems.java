package io.isacemu.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Refusals as RFC 9457 problem details ({@code application/problem+json}), each counted in {@code
 * http.auth.refused{reason}}: {@code missing} (no key presented), {@code invalid} (a wrong key),
 * {@code disabled} (the service has no key configured), {@code rejected} (the firewall refused the
 * request line: path parameters, encoded separators, {@code ..}, {@code //}, …).
 */
final class ApiKeyProblems {

  private final ApiKeyCredential credential;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Counter> refused = new LinkedHashMap<>();

  ApiKeyProblems(ApiKeyCredential credential, MeterRegistry meters) {
    this.credential = Objects.requireNonNull(credential, "credential");
    for (String reason : new String[] {"missing", "invalid", "disabled", "rejected"}) {
      refused.put(reason, Counter.builder("http.auth.refused")
          .description("REST requests refused before any endpoint ran, by reason")
          .tag("reason", reason).register(meters));
    }
  }

  static String disabledDetail(ApiKeyCredential credential) {
    return "no API key is configured (" + credential.property() + "); write endpoints are disabled";
  }

  /** No authentication at all reached a protected endpoint: no key was presented. */
  void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!credential.configured()) {
      write(response, 401, "Unauthorized", disabledDetail(credential), "disabled");
    } else {
      write(response, 401, "Unauthorized", "missing " + ApiKeyCredential.HEADER + " header: "
          + request.getMethod() + " needs the API key", "missing");
    }
  }

  /** A key was presented and refused. */
  void refused(HttpServletResponse response, AuthenticationException e) throws IOException {
    String reason = e instanceof DisabledException ? "disabled" : e instanceof BadCredentialsException ? "invalid" : "invalid";
    write(response, 401, "Unauthorized", e.getMessage(), reason);
  }

  /** The firewall refused the request line before any filter or endpoint saw it. */
  void rejected(HttpServletResponse response, RequestRejectedException e) throws IOException {
    write(response, 400, "Bad Request", "request refused: " + e.getMessage(), "rejected");
  }

  private void write(HttpServletResponse response, int status, String title, String detail, String reason)
      throws IOException {
    refused.get(reason).increment();
    if (response.isCommitted()) {
      return;
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    response.setStatus(status);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyCredential.HEADER + "\"");
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
