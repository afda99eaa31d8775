package io.isacemu.device.sensing;

import io.isacemu.core.validation.Check;

/**
 * One sensed sample and what the device uploads for it.
 *
 * @param sampleId the sample's id
 * @param payload raw features (OFFLOAD) or encoder output (LOCAL)
 */
public record SensedSample(String sampleId, Payload payload) {

  public SensedSample {
    Check.present("sampleId", sampleId);
    Check.present("payload", payload);
  }

  /** What is uploaded for a sample. */
  public sealed interface Payload permits Raw, Encoded {}

  /**
   * Raw {@code steps × dim} features, row-major, an exact copy of the dataset.
   *
   * @param steps {@code T}, ≥ 1
   * @param dim {@code d}, ≥ 1
   * @param values {@code steps·dim} floats (not copied: the caller hands over ownership)
   */
  public record Raw(int steps, int dim, float[] values) implements Payload {
    public Raw {
      Check.positive("steps", steps);
      Check.positive("dim", dim);
      Check.present("values", values);
      if (values.length != steps * dim) {
        throw new IllegalArgumentException("values: " + values.length + " floats but steps x dim = "
            + steps * dim);
      }
    }
  }

  /**
   * The local encoder's output.
   *
   * @param values {@code d_model} floats (ownership handed over)
   */
  public record Encoded(float[] values) implements Payload {
    public Encoded {
      Check.present("values", values);
    }
  }
}
