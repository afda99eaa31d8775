package io.isacemu.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.isacemu.training.bundle.BundleNotFoundException;
import io.isacemu.training.job.JobConflictException;
import io.isacemu.training.job.JobsOverloadedException;
import io.isacemu.training.job.JobNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps errors to RFC 7807 problem details. Validation problems carry a {@code field} property
 * naming the offending field; the detail names the field and its value.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setTitle("Invalid request");
    if (!e.field().isEmpty()) {
      p.setProperty("field", e.field());
    }
    return p;
  }

  @ExceptionHandler({JobNotFoundException.class, BundleNotFoundException.class})
  ProblemDetail notFound(RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    p.setTitle("Not found");
    return p;
  }

  @ExceptionHandler(JobsOverloadedException.class)
  ResponseEntity<ProblemDetail> overloaded(JobsOverloadedException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    p.setTitle("Too many requests");
    p.setProperty("retryAfterSeconds", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).body(p);
  }

  @ExceptionHandler(JobConflictException.class)
  ProblemDetail conflict(JobConflictException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    p.setTitle("Job state conflict");
    return p;
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail p;
    if (ex.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = path(m);
      String value =
          m instanceof InvalidFormatException f ? "'" + f.getValue() + "'" : "the given value";
      String expected =
          m instanceof InvalidFormatException f
              ? " (expected " + f.getTargetType().getSimpleName() + ")"
              : ": " + m.getOriginalMessage();
      p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + value + " is invalid" + expected);
      p.setProperty("field", field);
    } else if (ex.getCause() instanceof JsonProcessingException j) {
      p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "malformed JSON: " + j.getOriginalMessage());
    } else {
      p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "unreadable request body");
    }
    p.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(p);
  }

  private static String path(JsonMappingException m) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
