package io.isacemu.device.sensing;

/**
 * A modality encoder run on the device for {@code PROCESSING_MODE_LOCAL}. The real encoder comes
 * from a trained model bundle; until one is installed, LOCAL commands are refused honestly (see
 * {@link SensingService}).
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
}
