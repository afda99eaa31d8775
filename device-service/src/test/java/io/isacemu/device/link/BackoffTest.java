package io.isacemu.device.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static List<Long> delays(long seed, int n) {
    Backoff b = new Backoff(Backoff.Policy.defaults(), new SplittableRandom(seed));
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.nextDelayMs());
    }
    return out;
  }

  @Test
  void growsExponentiallyWithinJitterUpToTheMaximum() {
    List<Long> d = delays(1, 12);
    long[] nominal = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
    for (int i = 0; i < nominal.length; i++) {
      assertThat(d.get(i)).isBetween(Math.round(nominal[i] * 0.8), Math.min(5000, Math.round(nominal[i] * 1.2)));
    }
    assertThat(d).allSatisfy(x -> assertThat(x).isLessThanOrEqualTo(5000));
  }

  @Test
  void sameSeedSameDelaysAndResetStartsOver() {
    assertThat(delays(7, 10)).isEqualTo(delays(7, 10)).isNotEqualTo(delays(8, 10));
    Backoff b = new Backoff(Backoff.Policy.defaults(), new SplittableRandom(3));
    b.nextDelayMs();
    b.nextDelayMs();
    b.nextDelayMs();
    b.reset();
    assertThat(b.nextDelayMs()).isBetween(80L, 120L);
  }

  @Test
  void policyIsValidated() {
    assertThatThrownBy(() -> new Backoff.Policy(0, 10, 2, 0.2)).hasMessageContaining("initialMs: 0");
    assertThatThrownBy(() -> new Backoff.Policy(100, 10, 2, 0.2)).hasMessageContaining("maxMs: 10");
    assertThatThrownBy(() -> new Backoff.Policy(100, 1000, 2, 1.0)).hasMessageContaining("jitter: 1.0");
  }
}
