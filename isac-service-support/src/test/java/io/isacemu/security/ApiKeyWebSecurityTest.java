package io.isacemu.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The protection over a real Tomcat and a raw socket client: no MockMvc, no client-side normalisation. */
class ApiKeyWebSecurityTest {

  static final String KEY = "s3cret-key-for-tests";

  @Nested
  @SpringBootTest(classes = ApiKeyTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = "test.api-key=" + KEY)
  class WithAKey {

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;

    @BeforeEach
    void reset() {
      ApiKeyTestApp.WRITES.set(0);
    }

    @Test
    void noSpellingOfAWriteGetsPastWithoutTheKey() throws Exception {
      RawHttp http = new RawHttp(port);
      List<String> passed = new ArrayList<>();
      for (BypassAttempts.Attempt a : BypassAttempts.at("/api/tasks")) {
        RawHttp.Response r = http.send(a.method(), a.target(), a.headers(), "{}");
        if (r.status() < 400 || r.status() >= 500) {
          passed.add(a + " → " + r.status());
        }
      }
      for (BypassAttempts.Attempt a : BypassAttempts.at("/api/jobs/7")) {
        RawHttp.Response r = http.send("DELETE", a.target(), a.headers(), "");
        if (r.status() < 400 || r.status() >= 500) {
          passed.add("DELETE " + a.target() + " " + a.headers() + " → " + r.status());
        }
      }
      assertThat(passed).as("attempts that were not refused with a 4xx").isEmpty();
      assertThat(ApiKeyTestApp.WRITES).as("write endpoints that ran").hasValue(0);
    }

    @Test
    void refusalsAreProblemDetailsThatSayWhy() throws Exception {
      RawHttp http = new RawHttp(port);
      RawHttp.Response missing = http.send("POST", "/api/tasks", Map.of(), "{}");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.head()).containsIgnoringCase("Content-Type: application/problem+json")
          .contains("WWW-Authenticate: ApiKey");
      assertThat(missing.body()).contains("missing X-Api-Key header");
      RawHttp.Response wrong = http.send("POST", "/api/tasks", Map.of("X-Api-Key", "nope"), "{}");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).contains("invalid X-Api-Key").doesNotContain(KEY);
      RawHttp.Response rejected = http.send("POST", "/api;/tasks", Map.of(), "{}");
      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.body()).contains("request refused");
      assertThat(meters.get("http.auth.refused").tag("reason", "missing").counter().count()).isPositive();
      assertThat(meters.get("http.auth.refused").tag("reason", "invalid").counter().count()).isPositive();
      assertThat(meters.get("http.auth.refused").tag("reason", "rejected").counter().count()).isPositive();
    }

    @Test
    void theKeyOpensWritesAndReadsNeedNone() throws Exception {
      RawHttp http = new RawHttp(port);
      assertThat(http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY), "{}").status()).isEqualTo(200);
      assertThat(http.send("DELETE", "/api/jobs/3", Map.of("X-Api-Key", KEY), "").status()).isEqualTo(200);
      assertThat(ApiKeyTestApp.WRITES).hasValue(2);
      assertThat(http.send("GET", "/api/tasks", Map.of(), "").status()).isEqualTo(200);
      // a GET that claims to be a POST stays a read
      assertThat(http.send("GET", "/api/tasks", Map.of("X-HTTP-Method-Override", "POST"), "").body()).isEqualTo("[]");
      assertThat(ApiKeyTestApp.WRITES).hasValue(2);
      // no session: nothing a later request could ride on
      assertThat(http.send("POST", "/api/tasks", Map.of("X-Api-Key", KEY), "{}").head()).doesNotContainIgnoringCase("Set-Cookie");
    }
  }

  @Nested
  @SpringBootTest(classes = ApiKeyTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = "test.api-key=")
  class WithoutAKey {

    @LocalServerPort int port;

    @Test
    void everyWriteIsRefusedNamingTheSettingAndReadsStillWork() throws Exception {
      ApiKeyTestApp.WRITES.set(0);
      RawHttp http = new RawHttp(port);
      RawHttp.Response r = http.send("POST", "/api/tasks", Map.of(), "{}");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body()).contains("no API key is configured (test.api-key)");
      assertThat(http.send("POST", "/api/tasks", Map.of("X-Api-Key", ""), "{}").status()).isEqualTo(401);
      assertThat(http.send("GET", "/api/tasks", Map.of(), "").status()).isEqualTo(200);
      assertThat(ApiKeyTestApp.WRITES).hasValue(0);
    }
  }

  @Test
  void theCredentialComparesExactlyAndNeverPrintsTheKey() {
    ApiKeyCredential c = new ApiKeyCredential("x.api-key", " abc ");
    assertThat(c.matches("abc")).isTrue();
    assertThat(c.matches("ABC")).isFalse();
    assertThat(c.matches("abc ")).isFalse();
    assertThat(c.matches(null)).isFalse();
    assertThat(c.toString()).doesNotContain("abc");
    assertThat(new ApiKeyCredential("x.api-key", "").matches("")).isFalse();
  }
}
