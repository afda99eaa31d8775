package io.isacemu.learning;

import java.util.SplittableRandom;

/** Seeded epoch orders and their mini-batches, shared by both training stages. */
final class Batches {

  private Batches() {}

  /** A Fisher–Yates permutation of {@code 0..n−1} drawn from {@code rng} ({@code n − 1} draws). */
  static int[] shuffled(int n, SplittableRandom rng) {
    int[] p = SplitTensors.range(0, n);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The batch of {@code perm} starting at {@code from}: {@code size} indices, fewer at the end. */
  static int[] batch(int[] perm, int from, int size) {
    int to = Math.min(perm.length, from + size);
    int[] b = new int[to - from];
    System.arraycopy(perm, from, b, 0, b.length);
    return b;
  }
}
