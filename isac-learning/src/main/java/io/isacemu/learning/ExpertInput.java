package io.isacemu.learning;

import io.isacemu.core.validation.Check;

/**
 * One sample's input to one modality encoder of an expert: either the raw features (the MEC runs
 * the encoder: binary offloading's OFFLOAD path) or the encoder's pooled output computed elsewhere,
 * e.g. on the device (LOCAL path). See {@link ExpertRunner}.
 */
public sealed interface ExpertInput permits ExpertInput.Raw, ExpertInput.Encoded {

  /**
   * Raw {@code T × d_m} features, row-major (time-step major), as in the dataset.
   *
   * @param valuesTxD {@code T·d_m} finite floats; not copied (ownership handed over)
   */
  record Raw(float[] valuesTxD) implements ExpertInput {
    public Raw {
      Check.present("valuesTxD", valuesTxD);
    }
  }

  /**
   * The modality encoder's pooled output (the vector the expert's fusion head consumes).
   *
   * @param values {@code d_model} finite floats (the encoder's width); not copied
   */
  record Encoded(float[] values) implements ExpertInput {
    public Encoded {
      Check.present("values", values);
    }
  }
}
