package io.isacemu.learning;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Task losses as NDArray expressions and as plain Java for evaluation. */
final class Losses {

  private Losses() {}

  /** Mean task loss of predictions {@code (B)} against labels {@code (B)}. */
  static NDArray task(TaskLoss kind, NDArray pred, NDArray label) {
    return switch (kind) {
      case L1 -> pred.sub(label).abs().mean();
      case BCE -> {
        // numerically stable BCE with logits: max(z,0) − z·t + log(1 + e^{−|z|})
        NDArray t = label.gte(0f).toType(pred.getDataType(), false);
        yield Activation.relu(pred).sub(pred.mul(t)).add(pred.abs().neg().exp().add(1f).log()).mean();
      }
    };
  }

  /** Fails loudly instead of letting NaN weights be kept: a diverged run is a configuration error. */
  static void checkFinite(NDArray loss, String what, int epoch) {
    float v = loss.getFloat();
    if (!Float.isFinite(v)) {
      throw new IllegalStateException(
          "training diverged: " + what + " loss " + v + " at epoch " + epoch + "; lower the learning rate");
    }
  }

  static double task(TaskLoss kind, float[] pred, float[] label) {
    double sum = 0;
    for (int i = 0; i < pred.length; i++) {
      double z = pred[i];
      sum += switch (kind) {
        case L1 -> Math.abs(z - label[i]);
        case BCE -> Math.max(z, 0) - z * (label[i] >= 0 ? 1 : 0) + Math.log1p(Math.exp(-Math.abs(z)));
      };
    }
    return pred.length == 0 ? Double.NaN : sum / pred.length;
  }
}
