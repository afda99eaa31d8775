package io.isacemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.isacemu.http.JsonResponse;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser: headless Debian chromium (through {@code /usr/bin/chromedriver})
 * on the in-JVM platform (BS, three devices, a one-epoch bundle). The page must show what the REST
 * API shows, follow a finished task and a killed device, and leave a screenshot in
 * {@code target/dashboard.png}. A browser that cannot start fails the test (no skip): CI installs it
 * ({@code .ci/run}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

  static final String CHROMEDRIVER = System.getProperty("isac.chromedriver", "/usr/bin/chromedriver");
  static final String CHROMIUM = System.getProperty("isac.chromium", "/usr/bin/chromium");
  static final Duration PAGE = Duration.ofSeconds(20);
  static final Optional<String> KEY = Optional.of(Platform.API_KEY);

  @TempDir static Path work;
  static Platform platform;
  static ChromeDriver browser;

  @BeforeAll
  static void start() {
    // the browser first: if it cannot start, fail at once and say how to get it
    assertThat(new File(CHROMEDRIVER).canExecute()).as(CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)").isTrue();
    assertThat(new File(CHROMIUM).canExecute()).as(CHROMIUM + " (apt-get install -y chromium chromium-driver)").isTrue();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);

    platform = Platform.start(work, 1.0);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("preset", "demo");
    job.put("dataset", Map.of("type", "synthetic", "seed", 7, "trainSize", 120, "validSize", 30, "testSize", 60,
        "sequenceLength", 20));
    job.put("experts", List.of("V", "A", "T", "V+A+T"));
    job.put("gateExperts", List.of("T", "V+A+T"));
    job.put("lambdas", List.of(1.0));
    job.put("deployLambda", 1.0);
    job.put("epochsStageOne", 1);
    job.put("epochsStageTwo", 1);
    job.put("gateMode", "on-demand");
    job.put("costMetric", "bits");
    job.put("seed", 7);
    JsonResponse accepted = platform.rest.withApiKey(KEY).post(platform.training("/api/jobs"), job);
    assertThat(accepted.status()).as("POST /api/jobs -> %s", accepted.raw()).isEqualTo(202);
    platform.startDevices("video", Platform.DEVICE_TOKEN, Platform.VIDEO);
    platform.startDevices("audio-text", Platform.DEVICE_TOKEN, Platform.AUDIO, Platform.TEXT);
    platform.awaitLive(Duration.ofSeconds(60), "video-0", "audio-0", "text-0");
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
        .until(() -> platform.rest.get(platform.bs("/api/model")).status() == 200);
    browser.get(platform.bs("/"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void thePageShowsTheDevicesStatesFreeUnitsAndTaskCountsOfTheRestApi() {
    await().atMost(PAGE).untilAsserted(() ->
        assertThat(browser.findElement(By.id("conn")).getText()).as("connection state").isEqualTo("live"));
    String id = platform.submit(Map.of("count", 3, "mode", "fixed:T"));
    platform.awaitTask(id, Duration.ofMinutes(2));
    await().atMost(PAGE).untilAsserted(() -> {
      assertThat(pageDevices()).isEqualTo(restDevices());
      assertThat(text("free-units")).isEqualTo(platform.rest.getJson(platform.bs("/api/allocation"))
          .path("freeUnits").asText());
      assertThat(text("total-units")).isEqualTo(platform.rest.getJson(platform.bs("/api/allocation"))
          .path("totalUnits").asText());
      JsonNode tasks = platform.rest.getJson(platform.bs("/api/tasks"));
      assertThat(text("tasks-stored")).isEqualTo(String.valueOf(tasks.size()));
      for (String s : List.of("DONE", "DEGRADED", "FAILED")) {
        long n = 0;
        for (JsonNode t : tasks) {
          n += t.path("status").asText().equals(s) ? 1 : 0;
        }
        assertThat(text("status-" + s)).isEqualTo(s + " " + n);
      }
    });
    assertThat(browser.findElements(By.cssSelector("#map g.dev"))).as("devices drawn on the map").hasSize(3);
    assertThat(text("model-bundle")).isEqualTo(platform.rest.getJson(platform.bs("/api/model")).path("version").asText());
  }

  @Test
  @Order(2)
  void thePageUpdatesWhenATaskFinishes() {
    String before = text("tasks-stored");
    String id = platform.submit(Map.of("count", 2, "mode", "on-demand"));
    JsonNode done = platform.awaitTask(id, Duration.ofMinutes(2));
    await().atMost(PAGE).untilAsserted(() -> {
      assertThat(text("tasks-stored")).isEqualTo(String.valueOf(Integer.parseInt(before) + 1));
      Object status = browser.executeScript("const r = document.querySelector(\"#task-table tr[data-id='\" + arguments[0]"
          + " + \"']\"); return r === null ? null : r.querySelector('td[data-field=status]').textContent;", id);
      assertThat(status).as("task %s on the page", id).isEqualTo(done.path("status").asText());
    });
    await().atMost(PAGE).untilAsserted(() -> assertThat(text("gate-now")).contains("on-demand"));
  }

  @Test
  @Order(3)
  void aDeviceKilledMidRunTurnsLostOnThePage() throws Exception {
    String id = platform.submit(Map.of("count", 60, "mode", "fixed:V+A+T"));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
        platform.rest.getJson(platform.bs("/api/tasks/" + id)).path("status").asText().equals("RUNNING"));
    platform.killDevices("video");
    await().atMost(PAGE).untilAsserted(() -> {
      assertThat(platform.bsDevice("video-0").orElseThrow().path("status").asText()).isEqualTo("LOST");
      assertThat(pageDevices()).containsEntry("video-0", "LOST").isEqualTo(restDevices());
      assertThat(browser.executeScript("return document.querySelector(\"#map g.dev[data-id='video-0']\")"
          + ".getAttribute('data-state');")).isEqualTo("LOST");
    });
    platform.awaitTask(id, Duration.ofMinutes(2));
    await().atMost(PAGE).untilAsserted(() ->
        assertThat(text("tasks-stored")).isEqualTo(String.valueOf(platform.rest.getJson(platform.bs("/api/tasks")).size())));
    Thread.sleep(1500); // one more tick: the screenshot shows the finished task
    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(shot)).isPositive();
  }

  /** An element's text, read in one script call (the page re-renders every tick: no stale handles). */
  private static String text(String id) {
    Object t = browser.executeScript("const e = document.getElementById(arguments[0]);"
        + " return e === null ? null : e.textContent.trim();", id);
    return t == null ? "" : t.toString();
  }

  /** Device id → state, as the page's device table shows them. */
  private static Map<String, String> pageDevices() {
    @SuppressWarnings("unchecked")
    Map<String, String> rows = (Map<String, String>) browser.executeScript("const m = {};"
        + " document.querySelectorAll('#device-table tbody tr').forEach(tr =>"
        + " m[tr.dataset.id] = tr.querySelector('td[data-field=state]').textContent); return m;");
    return new TreeMap<>(rows);
  }

  private static Map<String, String> restDevices() {
    Map<String, String> m = new TreeMap<>();
    for (JsonNode d : platform.rest.getJson(platform.bs("/api/devices"))) {
      m.put(d.path("deviceId").asText(), d.path("status").asText());
    }
    return m;
  }
}
