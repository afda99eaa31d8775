package io.isacemu.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.isacemu.core.validation.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The services' one mapping of errors to RFC 7807 problem details, so that they cannot drift. A
 * field problem is 400 with {@code field} and {@code value} taken from the {@link
 * InvalidFieldException} (or the body binding), never parsed out of a message. Only the types of
 * this package map to 404, 409, 429 and 503; anything else unhandled stays a 500.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return invalid(e.getMessage(), e.field(), e.value());
  }

  /** A rule without a field (e.g. "give either a or b"); still the client's fault. */
  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(OverloadedException.class)
  ResponseEntity<ProblemDetail> overloaded(OverloadedException e) {
    ProblemDetail p = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage());
    p.setProperty("retryAfterSeconds", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).body(p);
  }

  @ExceptionHandler(ServiceUnavailableException.class)
  ProblemDetail unavailable(ServiceUnavailableException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldError f = ex.getBindingResult().getFieldError();
    ProblemDetail p = f == null
        ? problem(HttpStatus.BAD_REQUEST, "Invalid request", "invalid request")
        : invalid(f.getField() + ": " + f.getRejectedValue() + " " + f.getDefaultMessage(), f.getField(),
            f.getRejectedValue());
    return ResponseEntity.badRequest().body(p);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail p;
    if (ex.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = JsonPaths.of(m);
      if (m instanceof InvalidFormatException f) {
        p = invalid(field + ": '" + f.getValue() + "' is invalid (expected " + f.getTargetType().getSimpleName()
            + ")", field, f.getValue());
      } else {
        p = invalid(field + ": the given value is invalid: " + m.getOriginalMessage(), field, null);
      }
    } else if (ex.getCause() instanceof JsonProcessingException j) {
      p = problem(HttpStatus.BAD_REQUEST, "Invalid request", "malformed JSON: " + j.getOriginalMessage());
    } else {
      p = problem(HttpStatus.BAD_REQUEST, "Invalid request", "unreadable request body");
    }
    p.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(p);
  }

  private static ProblemDetail invalid(String detail, String field, Object value) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    p.setProperty("field", field);
    p.setProperty("value", value == null || value instanceof Number || value instanceof Boolean
        || value instanceof String ? value : String.valueOf(value));
    return p;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }
}
