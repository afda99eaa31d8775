package io.isacemu.support;

import com.fasterxml.jackson.databind.JsonMappingException;

/** The field path of a body binding error, in the form validation messages use: {@code a.b[2]}. */
final class JsonPaths {

  private JsonPaths() {}

  static String of(JsonMappingException m) {
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
