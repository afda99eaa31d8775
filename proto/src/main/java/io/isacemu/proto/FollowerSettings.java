package io.isacemu.proto;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RegistryFollower} reaches and follows a registry.
 *
 * @param target the registry's address, for log messages only (the channel is passed in)
 * @param tempDirPrefix prefix of the temporary directory a bundle is unpacked into
 * @param backoff delays between re-opening attempts
 * @param getLatestDeadline how long one GetLatest may take; positive (applied in ms)
 * @param downloadDeadline how long one whole Download may take; positive (applied in ms)
 */
public record FollowerSettings(String target, String tempDirPrefix, Backoff backoff, Duration getLatestDeadline,
    Duration downloadDeadline) {
  public FollowerSettings {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tempDirPrefix, "tempDirPrefix");
    Objects.requireNonNull(backoff, "backoff");
    requirePositive("getLatestDeadline", getLatestDeadline);
    requirePositive("downloadDeadline", downloadDeadline);
  }

  // a zero or negative deadline would fail every call at once, which reads like an unreachable registry
  private static void requirePositive(String name, Duration deadline) {
    if (Objects.requireNonNull(deadline, name).isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException(name + ": " + deadline + " must be positive");
    }
  }

  /** {@link Backoff#DEFAULT}, 30 s for GetLatest, 10 min for a Download. */
  public static FollowerSettings defaults(String target, String tempDirPrefix) {
    return new FollowerSettings(target, tempDirPrefix, Backoff.DEFAULT, Duration.ofSeconds(30), Duration.ofMinutes(10));
  }

  /**
   * Delays between attempts to re-open a broken Watch: {@code first}, doubling, at most {@code max}.
   * No jitter: each process follows one registry, there is no herd of clients to spread out.
   *
   * @param first delay after the first failure; at least 1 ms (delays are scheduled in ms)
   * @param max the longest delay, and how long a Watch must stay open to count as healthy; ≥ first
   */
  public record Backoff(Duration first, Duration max) {
    /** 1 s doubling to 30 s, the delays the BS and the devices have always used. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Backoff {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
      if (first.toMillis() < 1 || max.compareTo(first) < 0) {
        throw new IllegalArgumentException("backoff: first " + first + " must be at least 1 ms and max " + max
            + " at least first");
      }
    }

    /**
     * The delay before the next attempt, ms.
     *
     * @param failures consecutive failed attempts before this one; 0 for the first failure
     * @return {@code first · 2^failures}, at most {@code max}, in milliseconds
     */
    public long delayMs(int failures) {
      long delay = first.toMillis();
      // doubling step by step, not 1 << failures: stops at max and cannot overflow
      for (int i = 0; i < failures && delay < max.toMillis(); i++) {
        delay *= 2;
      }
      return Math.min(delay, max.toMillis());
    }
  }
}
