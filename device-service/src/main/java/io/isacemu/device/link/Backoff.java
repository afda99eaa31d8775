package io.isacemu.device.link;

import io.isacemu.core.validation.Check;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect backoff with seeded jitter:
 * {@code delay_n = min(max, initial·multiplier^n) · (1 + jitter·(2U − 1))}, clamped to
 * {@code [0, max]}, {@code U} uniform from the injected generator (the shape of gRPC's connection
 * backoff). Not thread-safe.
 */
public final class Backoff {

  /**
   * Backoff parameters.
   *
   * @param initialMs first delay, ms, {@code ≥ 1} (default 100)
   * @param maxMs largest delay, ms, {@code ≥ initialMs} (default 5000)
   * @param multiplier growth per attempt, in [1, 10] (default 2)
   * @param jitter relative jitter, in [0, 1) (default 0.2: ±20 %)
   */
  public record Policy(long initialMs, long maxMs, double multiplier, double jitter) {
    public Policy {
      if (initialMs < 1) {
        throw new IllegalArgumentException("initialMs: " + initialMs + " must be >= 1");
      }
      if (maxMs < initialMs) {
        throw new IllegalArgumentException("maxMs: " + maxMs + " must be >= initialMs (" + initialMs + ")");
      }
      Check.inRange("multiplier", multiplier, 1, 10);
      if (!(jitter >= 0 && jitter < 1)) {
        throw new IllegalArgumentException("jitter: " + jitter + " must be in [0, 1)");
      }
    }

    /** 100 ms initial, 5 s max, ×2, ±20 %. */
    public static Policy defaults() {
      return new Policy(100, 5000, 2.0, 0.2);
    }
  }

  private final Policy policy;
  private final RandomGenerator rng;
  private double nominalMs;

  /** A backoff at its first delay. */
  public Backoff(Policy policy, RandomGenerator rng) {
    this.policy = Check.present("policy", policy);
    this.rng = Check.present("rng", rng);
    this.nominalMs = policy.initialMs();
  }

  /** The next delay, ms, in {@code [0, maxMs]}; grows the nominal delay for the attempt after. */
  public long nextDelayMs() {
    double jittered = nominalMs * (1 + policy.jitter() * (2 * rng.nextDouble() - 1));
    nominalMs = Math.min(policy.maxMs(), nominalMs * policy.multiplier());
    return Math.max(0, Math.min(policy.maxMs(), Math.round(jittered)));
  }

  /** Back to the initial delay (after a successful registration). */
  public void reset() {
    nominalMs = policy.initialMs();
  }
}
