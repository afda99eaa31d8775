package io.isacemu.bs.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's one stream; the page itself is static ({@code /index.html}, served at {@code /}). */
@RestController
class DashboardController {

  private final DashboardPublisher publisher;

  DashboardController(DashboardPublisher publisher) {
    this.publisher = publisher;
  }

  @Operation(summary = "Server-Sent Events: one 'snapshot' event per tick (isac.bs.dashboard.period-ms) with the "
      + "devices, allocation, tasks, summary, model and experiments; 429 when isac.bs.dashboard.max-subscribers "
      + "streams are open")
  @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  ResponseEntity<?> stream() {
    return publisher.subscribe().<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
      ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
          "too many dashboard streams open (isac.bs.dashboard.max-subscribers)");
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "5")
          .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    });
  }
}
