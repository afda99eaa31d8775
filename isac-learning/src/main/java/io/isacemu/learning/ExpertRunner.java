package io.isacemu.learning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import io.isacemu.learning.nn.EncoderSpec;
import io.isacemu.learning.nn.ExpertBlock;
import io.isacemu.learning.nn.Flops;
import io.isacemu.learning.nn.Sequences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Split execution of one expert for binary offloading: a modality encoder alone (what a device
 * runs for the LOCAL path: raw {@code T × d_m} → the pooled {@code d_model} vector the expert's
 * fusion head consumes), and the expert on a per-sample mix of raw inputs and such vectors, which
 * gives the same output as the expert on raw inputs only (the head sees the same pooled vectors;
 * only floating-point batching differs).
 *
 * <p>Per-sample cost of the encoder is {@link Flops#encoder} with the bundle's {@code T} (padding
 * counted: it is computed anyway). Not thread-safe (DJL predictors are not): one instance per
 * thread, or serialise calls.
 */
public final class ExpertRunner implements AutoCloseable {

  private final GatedModel model;
  private final boolean owned;

  private ExpertRunner(GatedModel model, boolean owned) {
    this.model = Check.present("model", model);
    this.owned = owned;
  }

  /** A runner over {@code model}; {@link #close()} leaves the model open (the caller owns it). */
  public static ExpertRunner of(GatedModel model) {
    return new ExpertRunner(model, false);
  }

  /**
   * Loads a bundle directory written by {@link ModelBundle#save} (checksums and architecture
   * verified); {@link #close()} closes the loaded model.
   *
   * @throws BundleException when the bundle is partial, corrupt or inconsistent
   */
  public static ExpertRunner load(Path bundleDir) {
    return new ExpertRunner(ModelBundle.load(bundleDir), true);
  }

  /** The model's description (experts in gate-output order, {@code T}, feature dims). */
  public ModelDescription description() {
    return model.description();
  }

  /**
   * Index of the expert named {@code name} (canonical, e.g. {@code V+A+T}); -1 when absent.
   *
   * @param name expert name as in {@link ModelDescription#expertNames()}
   */
  public int indexOf(String name) {
    return model.expertNames().indexOf(name);
  }

  private ExpertBlock expert(int i) {
    Check.inRange("expert", i, 0, model.block().experts().size() - 1);
    return model.block().experts().get(i);
  }

  private int slot(ExpertBlock e, Modality m) {
    int slot = e.spec().modalities().modalities().indexOf(m);
    if (slot < 0) {
      throw new IllegalArgumentException("modality: " + m + " is not an input of expert " + e.spec().name());
    }
    return slot;
  }

  private EncoderSpec encoderSpec(int expert, Modality m) {
    ExpertBlock e = expert(expert);
    return e.spec().encoders().get(slot(e, m));
  }

  /**
   * Width {@code d_model} (≥ 1) of expert {@code expert}'s encoder for {@code m}: the length of an
   * encoded vector; a device uploads {@code 32·d_model} bits per sample.
   *
   * @throws IllegalArgumentException when the expert index is out of range or {@code m} is not
   *     one of its modalities
   */
  public int encodedWidth(int expert, Modality m) {
    return encoderSpec(expert, m).width();
  }

  /** Analytic FLOPs (≥ 1) of expert {@code expert}'s encoder for {@code m} per sample ({@link Flops#encoder}). */
  public long encoderFlops(int expert, Modality m) {
    return Flops.encoder(encoderSpec(expert, m), model.description().sequenceLength(m));
  }

  /** Raw floats per sample of {@code m}: {@code T_m·d_m}. */
  public int rawLength(Modality m) {
    Integer d = model.description().featureDims().get(m);
    if (d == null) {
      throw new IllegalArgumentException("modality: " + m + " is not in the model's feature dims "
          + model.description().featureDims());
    }
    return model.description().sequenceLength(m) * d;
  }

  /**
   * Runs only expert {@code expert}'s encoder for {@code m} on a batch of raw samples.
   *
   * @param raw per sample {@code T_m·d_m} finite floats, row-major
   * @return per sample the pooled {@link #encodedWidth} vector
   */
  public float[][] encode(int expert, Modality m, List<float[]> raw) {
    ExpertBlock e = expert(expert);
    int slot = slot(e, m);
    int width = e.spec().encoders().get(slot).width();
    int row = rawLength(m);
    int t = model.description().sequenceLength(m);
    float[][] out = new float[raw.size()][];
    try (NDManager mgr = model.model().getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(mgr, false);
      for (int from = 0; from < raw.size(); from += GatedModel.CHUNK) {
        int to = Math.min(raw.size(), from + GatedModel.CHUNK);
        float[] data = new float[(to - from) * row];
        for (int k = from; k < to; k++) {
          float[] x = checked("raw[" + k + "]", raw.get(k), row);
          System.arraycopy(x, 0, data, (k - from) * row, row);
        }
        try (NDManager bm = mgr.newSubManager()) {
          NDArray x = Sequences.constant(bm, data, new Shape(to - from, t, row / t));
          float[] y = e.encode(ps, slot, x, false).toFloatArray();
          for (int k = from; k < to; k++) {
            float[] v = new float[width];
            System.arraycopy(y, (k - from) * width, v, 0, width);
            out[k] = v;
          }
        }
      }
    }
    return out;
  }

  /** {@link #encode(int, Modality, List)} for one sample. */
  public float[] encode(int expert, Modality m, float[] rawTxD) {
    return encode(expert, m, List.of(rawTxD))[0];
  }

  /**
   * Runs expert {@code expert} on samples whose inputs are, per modality, raw features (encoded
   * here, in batches) or already-encoded vectors; same output as {@link GatedModel#route} on the
   * raw features.
   *
   * @param samples per sample one input per modality of the expert (extra modalities are ignored)
   * @return per sample the expert's output (sentiment score, or logit for BCE bundles)
   * @throws IllegalArgumentException when an input is missing or has the wrong length
   */
  public float[] predict(int expert, List<Map<Modality, ExpertInput>> samples) {
    ExpertBlock e = expert(expert);
    List<Modality> mods = e.spec().modalities().modalities();
    int n = samples.size();
    // pooled[m][i]: sample i's vector for modality m; raw ones encoded per modality in one batch
    float[][][] pooled = new float[mods.size()][n][];
    for (int s = 0; s < mods.size(); s++) {
      Modality m = mods.get(s);
      int width = e.spec().encoders().get(s).width();
      ArrayList<Integer> rawIdx = new ArrayList<>();
      ArrayList<float[]> rawVals = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ExpertInput in = samples.get(i).get(m);
        if (in == null) {
          throw new IllegalArgumentException("samples[" + i + "]: no input for " + m + " (expert "
              + e.spec().name() + ")");
        }
        if (in instanceof ExpertInput.Encoded enc) {
          pooled[s][i] = checked("samples[" + i + "]." + m + " encoded", enc.values(), width);
        } else {
          rawIdx.add(i);
          rawVals.add(((ExpertInput.Raw) in).valuesTxD());
        }
      }
      if (!rawVals.isEmpty()) {
        float[][] enc = encode(expert, m, rawVals);
        for (int k = 0; k < enc.length; k++) {
          pooled[s][rawIdx.get(k)] = enc[k];
        }
      }
    }
    float[] out = new float[n];
    try (NDManager mgr = model.model().getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(mgr, false);
      for (int from = 0; from < n; from += GatedModel.CHUNK) {
        int to = Math.min(n, from + GatedModel.CHUNK);
        try (NDManager bm = mgr.newSubManager()) {
          NDList list = new NDList();
          for (int s = 0; s < mods.size(); s++) {
            int width = e.spec().encoders().get(s).width();
            float[] data = new float[(to - from) * width];
            for (int i = from; i < to; i++) {
              System.arraycopy(pooled[s][i], 0, data, (i - from) * width, width);
            }
            list.add(Sequences.constant(bm, data, new Shape(to - from, width)));
          }
          float[] y = e.fuse(ps, list, false).toFloatArray();
          System.arraycopy(y, 0, out, from, to - from);
        }
      }
    }
    return out;
  }

  private static float[] checked(String field, float[] v, int length) {
    if (v.length != length) {
      throw new IllegalArgumentException(field + ": " + v.length + " floats but expected " + length);
    }
    for (float f : v) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException(field + ": contains a non-finite value " + f);
      }
    }
    return v;
  }

  /** Closes the model when this runner loaded it ({@link #load}); otherwise does nothing. */
  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }
}
