package io.isacemu.bs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.isacemu.bs.task.OverloadedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * RFC 7807 problem details. Validation problems are 400 with a {@code field} property; the detail
 * names the field and the rejected value. Unknown task → 404; at a load bound → 429 with {@code
 * Retry-After}; no model in service → 503.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9_.\\[\\]]*): ");

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    p.setTitle("Invalid request");
    Matcher m = FIELD.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      p.setProperty("field", m.group(1));
    }
    return p;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    p.setTitle("Not found");
    return p;
  }

  @ExceptionHandler(OverloadedException.class)
  ResponseEntity<ProblemDetail> overloaded(OverloadedException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    p.setTitle("Too many requests");
    p.setProperty("retryAfterSeconds", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).body(p);
  }

  @ExceptionHandler(IllegalStateException.class)
  ProblemDetail unavailable(IllegalStateException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    p.setTitle("Unavailable");
    return p;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldError f = ex.getBindingResult().getFieldError();
    ProblemDetail p;
    if (f != null) {
      p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
          f.getField() + ": " + f.getRejectedValue() + " " + f.getDefaultMessage());
      p.setProperty("field", f.getField());
    } else {
      p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request");
    }
    p.setTitle("Invalid request");
    return ResponseEntity.badRequest().body(p);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail p;
    if (ex.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field = path(m);
      String value = m instanceof InvalidFormatException f ? "'" + f.getValue() + "'" : "the given value";
      p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + value + " is invalid ("
          + m.getOriginalMessage() + ")");
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
