package io.isacemu.bs.task;

import io.isacemu.bs.model.ServingModel;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.ExpertInput;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs each served sample's chosen expert on what the task holds, and counts the MEC's FLOPs: the
 * experts' FLOPs less the encoders the devices already ran (LOCAL).
 */
final class InferenceRunner {

  /**
   * @param predictions per served sample, in order, the fused prediction
   * @param expertFlops FLOPs the MEC ran, ≥ 0
   * @param wallSeconds measured wall time of the inference, ticker s
   */
  record Inference(float[] predictions, double expertFlops, double wallSeconds) {}

  private final LongSupplier nanos;

  InferenceRunner(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Runs expert {@code choice[j]} on sample {@code ids.get(j)}, for every j. */
  Inference run(ServingModel model, SampleInputs inputs, List<String> ids, int[] choice) {
    List<ModalitySet> experts = model.experts();
    double expertFlops = 0;
    Set<Modality> used = EnumSet.noneOf(Modality.class);
    for (int e : choice) {
      used.addAll(experts.get(e).asEnumSet());
      expertFlops += model.expertFlops(e);
    }
    long t0 = nanos.getAsLong();
    float[] predictions;
    if (!inputs.anyEncoded()) {
      predictions = model.route(inputs.split(ids, List.copyOf(used)), choice);
    } else {
      predictions = mixed(model, inputs, ids, choice);
      // the devices ran these encoders: not MEC compute
      for (int j = 0; j < choice.length; j++) {
        for (Modality m : experts.get(choice[j]).modalities()) {
          if (inputs.encodedFor(ids.get(j), m, choice[j]).isPresent()) {
            expertFlops -= model.encoderFlops(choice[j], m);
          }
        }
      }
    }
    return new Inference(predictions, expertFlops, (nanos.getAsLong() - t0) / 1e9);
  }

  /** Raw inputs and device-encoded vectors together, one batch per expert. */
  private static float[] mixed(ServingModel model, SampleInputs inputs, List<String> ids, int[] choice) {
    float[] out = new float[choice.length];
    for (int e = 0; e < model.experts().size(); e++) {
      List<Integer> group = new ArrayList<>();
      List<Map<Modality, ExpertInput>> batch = new ArrayList<>();
      for (int j = 0; j < choice.length; j++) {
        if (choice[j] == e) {
          group.add(j);
          batch.add(inputs.inputs(ids.get(j), e));
        }
      }
      if (!group.isEmpty()) {
        float[] y = model.predictMixed(e, batch);
        for (int k = 0; k < y.length; k++) {
          out[group.get(k)] = y[k];
        }
      }
    }
    return out;
  }
}
