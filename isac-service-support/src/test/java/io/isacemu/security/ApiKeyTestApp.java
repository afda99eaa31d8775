package io.isacemu.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service wired exactly as the javadoc of {@link ApiKeyWebSecurity} says, counting what ran. */
@SpringBootApplication
@Import(ApiKeySecurityConfiguration.class)
class ApiKeyTestApp {

  static final AtomicInteger WRITES = new AtomicInteger();

  @Bean
  MeterRegistry meters() {
    return new SimpleMeterRegistry();
  }

  @Bean
  ApiKeyCredential apiKey(@Value("${test.api-key:}") String key) {
    return new ApiKeyCredential("test.api-key", key);
  }

  @RestController
  static class Endpoints {
    @PostMapping("/api/tasks")
    String submit() {
      WRITES.incrementAndGet();
      return "{\"ran\":true}";
    }

    @GetMapping("/api/tasks")
    String list() {
      return "[]";
    }

    @DeleteMapping("/api/jobs/{id}")
    String cancel(@PathVariable("id") long id) {
      WRITES.incrementAndGet();
      return "{\"cancelled\":" + id + "}";
    }
  }
}
