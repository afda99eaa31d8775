package io.isacemu.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.security.BypassAttempts;
import io.isacemu.security.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real training service on a real port, driven by a raw socket client: nobody without the key
 * submits or cancels a job, however the path is spelled (it had no authentication at all), and a
 * job's pickle comes only from the data directory (it could name, and echo parser errors about, any
 * file on the server).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TrainingServiceApplicationTest.FakeEngine.class)
class TrainingSecurityOverHttpTest {

  static final String KEY = "training-key-0123456789";

  @TempDir static Path work;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) throws Exception {
    Files.createDirectories(work.resolve("data"));
    Files.writeString(work.resolve("secret.txt"), "top secret line");
    r.add("isac.training.grpc-port", () -> 0);
    r.add("isac.training.bundle-dir", () -> work.resolve("bundles").toString());
    r.add("isac.training.data-dir", () -> work.resolve("data").toString());
    r.add("isac.training.api-key", () -> KEY);
  }

  @LocalServerPort int port;

  @Test
  void noSpellingOfSubmitOrCancelGetsPastWithoutTheKey() throws Exception {
    RawHttp http = new RawHttp(port);
    String before = http.send("GET", "/api/jobs", Map.of(), "").body();
    List<String> passed = new ArrayList<>();
    for (BypassAttempts.Attempt a : BypassAttempts.at("/api/jobs")) {
      RawHttp.Response r = http.send(a.method(), a.target(), a.headers(), "{\"epochsStageOne\":1,\"epochsStageTwo\":1}");
      if (r.status() < 400 || r.status() >= 500) {
        passed.add(a + " → " + r.status());
      }
    }
    for (BypassAttempts.Attempt a : BypassAttempts.at("/api/jobs/1")) {
      RawHttp.Response r = http.send("DELETE", a.target(), a.headers(), "");
      if (r.status() < 400 || r.status() >= 500) {
        passed.add("DELETE " + a.target() + " " + a.headers() + " → " + r.status());
      }
    }
    assertThat(passed).as("attempts not refused with a 4xx").isEmpty();
    assertThat(http.send("GET", "/api/jobs", Map.of(), "").body()).as("jobs after the attempts").isEqualTo(before);
  }

  @Test
  void withTheKeyAJobIsSubmittedAndCancelled() throws Exception {
    RawHttp http = new RawHttp(port);
    RawHttp.Response r = http.send("POST", "/api/jobs", Map.of("X-Api-Key", KEY), "{\"epochsStageOne\":1,\"epochsStageTwo\":1}");
    assertThat(r.status()).as("%s", r.body()).isEqualTo(202);
    String id = r.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
    assertThat(http.send("DELETE", "/api/jobs/" + id, Map.of(), "").status()).isEqualTo(401);
    // with the key the service answers for the job itself: 200 cancelled, or 409 when already finished
    assertThat(http.send("DELETE", "/api/jobs/" + id, Map.of("X-Api-Key", KEY), "").status()).isIn(200, 409);
  }

  @Test
  void aPickleOutsideTheDataDirectoryIs400NamingTheFieldAndNothingIsRead() throws Exception {
    Path secret = work.resolve("secret.txt");
    Path link = work.resolve("data").resolve("link.pkl");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, secret);
    RawHttp http = new RawHttp(port);
    for (String path : List.of(secret.toString(), "../secret.txt", "/etc/passwd", "link.pkl", "missing.pkl", "a\u0000b")) {
      String body = "{\"dataset\":{\"type\":\"pickle\",\"path\":\"" + path.replace("\u0000", "\\u0000") + "\"}}";
      RawHttp.Response r = http.send("POST", "/api/jobs", Map.of("X-Api-Key", KEY), body);
      assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(400);
      assertThat(r.body()).as(path).contains("\"field\":\"dataset.path\"").doesNotContain("top secret").doesNotContain("root:");
    }
  }
}
