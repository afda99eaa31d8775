package io.isacemu.learning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.nn.Sequences;
import java.nio.FloatBuffer;

/** Copies selected samples of a split into {@code (B, T_m, d_m)} arrays (no copy of whole splits). */
final class SplitTensors {

  private SplitTensors() {}

  static NDArray features(NDManager mgr, MultimodalSplit split, Modality m, int[] idx) {
    int t = split.sequenceLength(m);
    int d = split.featureDim(m);
    int row = t * d;
    FloatBuffer src = split.features(m);
    float[] out = new float[idx.length * row];
    for (int k = 0; k < idx.length; k++) {
      src.get(idx[k] * row, out, k * row, row);
    }
    return Sequences.constant(mgr, out, new Shape(idx.length, t, d));
  }

  static NDList features(NDManager mgr, MultimodalSplit split, ModalitySet set, int[] idx) {
    NDList list = new NDList();
    for (Modality m : set.modalities()) {
      list.add(features(mgr, split, m, idx));
    }
    return list;
  }

  static NDArray extra(NDManager mgr, MultimodalSplit split, GateFeatures f, int dim, int[] idx) {
    float[] out = new float[idx.length * dim];
    for (int k = 0; k < idx.length; k++) {
      float[] v = f.of(split, idx[k]);
      if (v.length != dim) {
        throw new IllegalArgumentException(
            "gateFeatures: length " + v.length + " for sample " + idx[k] + " != networkStateDim " + dim);
      }
      System.arraycopy(v, 0, out, k * dim, dim);
    }
    return Sequences.constant(mgr, out, new Shape(idx.length, dim));
  }

  static NDArray labels(NDManager mgr, MultimodalSplit split, int[] idx) {
    float[] y = new float[idx.length];
    for (int k = 0; k < idx.length; k++) {
      y[k] = split.label(idx[k]);
    }
    return Sequences.constant(mgr, y, new Shape(y.length));
  }

  static float[] labels(MultimodalSplit split) {
    float[] y = new float[split.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = split.label(i);
    }
    return y;
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
