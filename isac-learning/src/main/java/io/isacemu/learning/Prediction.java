package io.isacemu.learning;

/**
 * Outputs of gated inference.
 *
 * @param values per sample the chosen expert's output (sentiment in [−3, 3] for L1 models; a logit
 *     of {@code P(label ≥ 0)} for BCE models)
 * @param chosenExpert per sample the index of the expert the gate chose
 */
public record Prediction(float[] values, int[] chosenExpert) {

  public Prediction {
    if (values.length != chosenExpert.length) {
      throw new IllegalArgumentException(
          "chosenExpert: length " + chosenExpert.length + " != values length " + values.length);
    }
  }
}
