package io.isacemu.learning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import io.isacemu.core.validation.Check;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) with the very update of DJL 0.36's {@code Optimizer.adam()}, whose state
 * can be saved and restored, so that a training interrupted after an epoch resumes exactly.
 *
 * <p>Per parameter {@code w} with gradient {@code g} at step {@code t}: {@code m ← β₁ m + (1−β₁) g},
 * {@code v ← β₂ v + (1−β₂) g²}, {@code w ← w − η · √(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε)} (η the fixed
 * learning rate, dimensionless like the loss gradient's scale; β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no
 * weight decay, no clipping), computed by the engine's fused {@code adamUpdate} with the same
 * arguments as DJL's {@code Adam}. Like DJL, {@code t} is the largest update count over all
 * parameters so far.
 *
 * <p>The state — {@code t}, and per parameter its update count and moments {@code m}, {@code v} — is
 * exported keyed by the parameter's path in the block ({@link Block#getParameters()}), not by DJL's
 * per-process parameter id, so it can be imported into a freshly built block of the same
 * architecture in another process. One device (the engine's default) only.
 */
final class ResumableAdam extends Optimizer {

  private static final int MAGIC = 0x4144414d; // "ADAM"

  private final float learningRate;
  private final float beta1 = 0.9f;
  private final float beta2 = 0.999f;
  private final float epsilon = 1e-8f;
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, NDArray> means = new HashMap<>();
  private final Map<String, NDArray> variances = new HashMap<>();
  private int numUpdate;

  /** An optimizer with fixed learning rate {@code learningRate} (finite, &gt; 0). */
  ResumableAdam(double learningRate) {
    super(new Builder());
    Check.positive("learningRate", learningRate);
    this.learningRate = (float) learningRate;
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }

  /** DJL's rule: this parameter's count + 1, and the step {@code t} is the largest count so far. */
  @Override
  protected int updateCount(String parameterId) {
    int c = counts.merge(parameterId, 1, Integer::sum);
    numUpdate = Math.max(numUpdate, c);
    return numUpdate;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = updateCount(parameterId);
    double coef1 = 1.0 - Math.pow(beta1, t);
    double coef2 = 1.0 - Math.pow(beta2, t);
    float biasCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
    NDArray m = means.computeIfAbsent(parameterId, k -> detachedZeros(weight));
    NDArray v = variances.computeIfAbsent(parameterId, k -> detachedZeros(weight));
    weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), learningRate,
        biasCorrected, getWeightDecay(), rescaleGrad, clipGrad, beta1, beta2, epsilon, true, false);
  }

  // as DJL's Optimizer.withDefaultState: the state outlives the batch's manager (freed with the optimizer)
  private static NDArray detachedZeros(NDArray weight) {
    NDArray z = weight.zerosLike();
    z.detach();
    return z;
  }

  /** The state of every parameter of {@code block} (those never updated are marked so). */
  byte[] export(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(numUpdate);
      out.writeInt(block.getParameters().size());
      for (Pair<String, Parameter> p : block.getParameters()) {
        String id = p.getValue().getId();
        out.writeUTF(p.getKey());
        Integer count = counts.get(id);
        out.writeInt(count == null ? 0 : count);
        boolean has = means.containsKey(id);
        out.writeBoolean(has);
        if (has) {
          writeArray(out, means.get(id));
          writeArray(out, variances.get(id));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Replaces this optimizer's state by {@code state} from {@link #export} of a block of the same
   * architecture; moments go into {@code manager}'s engine, detached.
   *
   * @throws IllegalArgumentException when {@code state} is not such an export or names other parameters
   */
  void restore(Block block, NDManager manager, byte[] state) {
    counts.clear();
    means.clear();
    variances.clear();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("optimizer state: not a ResumableAdam export");
      }
      numUpdate = in.readInt();
      int n = in.readInt();
      if (n != block.getParameters().size()) {
        throw new IllegalArgumentException("optimizer state: " + n + " parameters, the block has "
            + block.getParameters().size());
      }
      for (Pair<String, Parameter> p : block.getParameters()) {
        String name = in.readUTF();
        if (!name.equals(p.getKey())) {
          throw new IllegalArgumentException("optimizer state: parameter " + name + " where the block has " + p.getKey());
        }
        String id = p.getValue().getId();
        int count = in.readInt();
        if (count > 0) {
          counts.put(id, count);
        }
        if (in.readBoolean()) {
          means.put(id, readArray(in, manager));
          variances.put(id, readArray(in, manager));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("optimizer state: truncated (" + e.getMessage() + ")", e);
    }
  }

  private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
    byte[] b = a.encode();
    out.writeInt(b.length);
    out.write(b);
  }

  private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    NDArray a = NDArray.decode(manager, b);
    a.detach();
    return a;
  }
}
