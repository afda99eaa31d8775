package io.isacemu.learning;

import io.isacemu.core.modality.Modality;
import io.isacemu.learning.metrics.SentimentMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A stage-I expert run as it stood after its last completed epoch (a {@link TrainingCheckpoints}
 * value).
 *
 * @param run what the run was configured with ({@link #runOf}); a checkpoint of another run is
 *     not restored
 * @param epochsRun epochs completed, ≥ 1
 * @param stale epochs since the validation task loss last improved (early stopping)
 * @param bestLoss best validation task loss so far (the checkpoint kept)
 * @param bestMetrics validation metrics of the kept parameters
 * @param bestParams the kept (best) parameters, DJL's block encoding
 * @param live while the run goes on: its current parameters and optimizer state; empty once the
 *     expert is done (early stop or epoch cap)
 */
record ExpertCheckpoint(
    String run, int epochsRun, int stale, double bestLoss, SentimentMetrics bestMetrics, byte[] bestParams,
    Optional<Live> live) {

  private static final long MAGIC = 0x495341434b505431L; // "ISACKPT1"

  /**
   * The state needed to train the next epoch.
   *
   * @param params the current parameters, DJL's block encoding
   * @param optimizer the optimizer's state ({@link ResumableAdam#export})
   */
  record Live(byte[] params, byte[] optimizer) {}

  /** Whether the expert is done (nothing more to train). */
  boolean complete() {
    return live.isEmpty();
  }

  /** The store key of expert {@code index} named {@code name}. */
  static String key(int index, String name) {
    return "expert-" + index + "-" + name.replace('+', '_');
  }

  /** What identifies expert {@code index}'s run: everything that changes the numbers it trains. */
  static String runOf(
      LearningConfig c, int index, String name, int trainSize, int validSize, Map<Modality, Integer> steps) {
    // one number when aligned: the key of every run before per-modality T_m, so old checkpoints still match
    String t = new java.util.HashSet<>(steps.values()).size() == 1
        ? String.valueOf(steps.values().iterator().next()) : new java.util.EnumMap<>(steps).toString();
    return "expert " + index + " " + name + " preset=" + c.preset().name() + " seed=" + c.seed()
        + " lr=" + c.expertLearningRate() + " batch=" + c.batchSize() + " epochs=" + c.expertEpochs()
        + " patience=" + c.patience() + " loss=" + c.taskLoss() + " n=" + trainSize + "/" + validSize + " T=" + t;
  }

  /** This checkpoint's bytes: a magic number, the fields, a CRC-32 of them. */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(MAGIC);
      out.writeUTF(run);
      out.writeInt(epochsRun);
      out.writeInt(stale);
      out.writeDouble(bestLoss);
      SentimentMetrics m = bestMetrics;
      for (double v : new double[] {m.acc2HasZero(), m.acc2NonZero(), m.f1Weighted(), m.acc7(), m.mae(), m.pearson()}) {
        out.writeDouble(v);
      }
      out.writeInt(m.samples());
      blob(out, bestParams);
      out.writeBoolean(live.isPresent());
      if (live.isPresent()) {
        blob(out, live.get().params());
        blob(out, live.get().optimizer());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    long sum = crc.getValue();
    for (int i = 3; i >= 0; i--) {
      bytes.write((int) (sum >>> (8 * i)) & 0xff);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes {@link #encode}'s bytes.
   *
   * @throws IllegalArgumentException when they are not a whole, intact checkpoint
   */
  static ExpertCheckpoint decode(byte[] bytes) {
    if (bytes.length < 12) {
      throw new IllegalArgumentException("checkpoint: " + bytes.length + " bytes, too short");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    long stored = 0;
    for (int i = bytes.length - 4; i < bytes.length; i++) {
      stored = (stored << 8) | (bytes[i] & 0xff);
    }
    if (stored != crc.getValue()) {
      throw new IllegalArgumentException("checkpoint: CRC-32 mismatch (torn or corrupt)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 4)))) {
      if (in.readLong() != MAGIC) {
        throw new IllegalArgumentException("checkpoint: not an expert checkpoint (bad magic number)");
      }
      String run = in.readUTF();
      int epochs = in.readInt();
      int stale = in.readInt();
      double best = in.readDouble();
      SentimentMetrics m = new SentimentMetrics(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble(), in.readInt());
      byte[] bestParams = blob(in);
      Optional<Live> live = in.readBoolean() ? Optional.of(new Live(blob(in), blob(in))) : Optional.empty();
      return new ExpertCheckpoint(run, epochs, stale, best, m, bestParams, live);
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint: truncated (" + e.getMessage() + ")", e);
    }
  }

  private static void blob(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] blob(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("blob of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
