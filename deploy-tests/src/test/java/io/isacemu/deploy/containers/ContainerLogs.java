package io.isacemu.deploy.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/** Appends a container's stdout/stderr to {@code target/container-logs/<name>.log} (kept for CI diagnosis). */
final class ContainerLogs implements Consumer<OutputFrame> {

  static final Path DIR = Path.of(System.getProperty("container.logs", "target/container-logs"));

  private final Path file;

  ContainerLogs(String name) {
    try {
      Files.createDirectories(DIR);
      this.file = DIR.resolve(name + ".log");
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void accept(OutputFrame frame) {
    byte[] bytes = frame.getBytes();
    if (bytes == null) {
      return;
    }
    try {
      Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the log contains {@code text}; fails with the log's tail after {@code timeout}. */
  void await(String text, java.time.Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
          return;
        }
      } catch (IOException e) {
        // being appended to: read again
      }
      Thread.sleep(500);
    }
    throw new AssertionError(file.getFileName() + ": no '" + text + "' within " + timeout + "; it ends with:\n" + tail(30));
  }

  /** The last {@code lines} lines of the log, for an assertion message. */
  String tail(int lines) {
    try {
      if (!Files.exists(file)) {
        return "(no output)";
      }
      var all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
