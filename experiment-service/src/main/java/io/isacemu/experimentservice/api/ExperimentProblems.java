package io.isacemu.experimentservice.api;

import io.isacemu.scenario.error.Problem;
import io.isacemu.scenario.error.ScenarioException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The scenario's problems as a 400 (the loader's messages, {@code field}/{@code value} of the first as
 * isac-service-support's problems have them, and every one under {@code problems}); 413 for a body too large.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExperimentProblems {

  @ExceptionHandler(ScenarioException.class)
  ProblemDetail scenario(ScenarioException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setTitle("Invalid scenario");
    List<Problem> all = e.problems();
    if (!all.isEmpty()) {
      p.setProperty("field", all.get(0).keyPath());
      p.setProperty("value", all.get(0).value());
    }
    p.setProperty("problems", all.stream()
        .map(x -> Map.of("field", x.keyPath(), "value", x.value(), "message", x.message())).toList());
    return p;
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    p.setTitle("Payload too large");
    p.setProperty("field", "body");
    return p;
  }
}
