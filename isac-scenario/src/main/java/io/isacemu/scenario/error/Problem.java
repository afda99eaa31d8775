package io.isacemu.scenario.error;

import java.util.Objects;

/**
 * One thing wrong with a scenario file.
 *
 * <p>Key paths are dotted mapping keys with {@code [i]} for list elements, relative to the file's
 * root: {@code cell.bandwidthHz}, {@code devices.video.mobility.maxSpeedMps}, {@code
 * serving.modes[2]}, {@code sweep.axes.cell.bandwidthHz[1]}. Problems of one sweep point carry the
 * point in the message, not in the path, so the path still names the key the user wrote.
 *
 * @param keyPath where, as above; never empty ({@code <root>} for the document itself)
 * @param value the offending value as written (text of the YAML node); empty when the key is missing
 * @param message what is wrong, starting with the value when there is one: {@code -3 must be > 0}
 */
public record Problem(String keyPath, String value, String message) {

  public Problem {
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(message, "message");
    if (keyPath.isEmpty()) {
      keyPath = "<root>";
    }
  }

  /** {@code keyPath: message}, the line a CLI prints. */
  @Override
  public String toString() {
    return keyPath + ": " + message;
  }
}
