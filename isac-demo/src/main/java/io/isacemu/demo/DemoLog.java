package io.isacemu.demo;

import io.isacemu.experiments.RunLog;
import java.util.Locale;

/** The demo's progress lines on stdout, each stamped with the seconds since the demo started. */
final class DemoLog implements RunLog {

  private final long started = System.nanoTime();

  @Override
  public void say(String fmt, Object... args) {
    double t = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", t, String.format(Locale.ROOT, fmt, args));
  }
}
