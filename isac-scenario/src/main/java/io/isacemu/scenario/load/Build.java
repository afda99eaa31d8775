package io.isacemu.scenario.load;

import io.isacemu.core.validation.InvalidFieldException;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs a record constructor, turning its refusal into a problem under the section's path. */
final class Build {

  private Build() {}

  /**
   * The record, or empty after recording the constructor's problem at {@code section}'s path plus the
   * field it names (constructors name fields as the file's keys; core types say {@code "field: detail"}).
   */
  static <T> Optional<T> of(MapNode section, Supplier<T> constructor) {
    try {
      return Optional.of(constructor.get());
    } catch (InvalidFieldException e) {
      section.problems().add(section.path(e.field()), e.value() == null ? "" : String.valueOf(e.value()), e.detail());
    } catch (IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      int colon = msg.indexOf(": ");
      String field = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : "";
      section.problems().add(section.path(field), "",
          field.isEmpty() ? msg : msg.substring(colon + 2));
    }
    return Optional.empty();
  }
}
