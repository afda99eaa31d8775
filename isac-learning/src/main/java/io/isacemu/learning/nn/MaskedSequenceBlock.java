package io.isacemu.learning.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

/**
 * A block over a padded sequence: input {@code (x (B,T,d), mask (B,T))}, output {@code (B,T,d)},
 * the shape of {@code x}. Shared by the attention and the encoder layer stacked on it.
 */
abstract class MaskedSequenceBlock extends AbstractBlock {

  MaskedSequenceBlock(byte version) {
    super(version);
  }

  @Override
  public final Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
