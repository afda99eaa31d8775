package io.isacemu.device.sensing;

/**
 * A modality encoder run on the device for {@code PROCESSING_MODE_LOCAL}: one expert's encoder for
 * the device's modality from a trained model bundle ({@code io.isacemu.device.model.BundleEncoders}),
 * found through an {@link EncoderSource}; without one, LOCAL commands are refused with {@link
 * SenseStatus#LOCAL_UNAVAILABLE}.
 *
 * <p>Implementations must be thread-safe or confined to one device.
 */
public interface LocalEncoder {

  /**
   * Encodes one sample.
   *
   * @param rawTxD the raw features, {@code steps × dim} floats, row-major
   * @param steps time steps {@code T}, ≥ 1
   * @param dim features per step {@code d}, ≥ 1
   * @return the encoded vector, {@link #outputDim()} finite floats
   */
  float[] encode(float[] rawTxD, int steps, int dim);

  /** Width of the encoded vector {@code d_model}, ≥ 1; the upload is {@code 32·d_model} bits. */
  int outputDim();

  /** Floating-point operations to encode one {@code steps × dim} sample, ≥ 0. */
  double flops(int steps, int dim);

  /**
   * Encodes several samples (an implementation may batch them; the default encodes one by one).
   *
   * @param rawTxD per sample {@code steps × dim} floats, row-major
   * @return per sample the encoded vector, in order
   */
  default java.util.List<float[]> encodeAll(java.util.List<float[]> rawTxD, int steps, int dim) {
    java.util.List<float[]> out = new java.util.ArrayList<>(rawTxD.size());
    for (float[] raw : rawTxD) {
      out.add(encode(raw, steps, dim));
    }
    return out;
  }
}
