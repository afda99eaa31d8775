package io.isacemu.bs.task;

import io.isacemu.bs.model.ServingModel;
import io.isacemu.core.modality.Modality;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which encoder a device may run (LOCAL processing) in a fetch round: only when every sample of its
 * modality in that round goes to one known expert (fixed mode; the on-demand mode's second round when
 * the gate chose one expert for them), and only when the bundle can be split into encoders and heads.
 * Stateless.
 */
final class LocalEncoders {

  private LocalEncoders() {}

  /** The LOCAL option for every modality in {@code mods}, encoded by expert {@code expert}; none if the model cannot split. */
  static Map<Modality, Fetcher.LocalOption> forExpert(ServingModel model, List<Modality> mods, int expert) {
    Map<Modality, Fetcher.LocalOption> out = new EnumMap<>(Modality.class);
    if (!model.localCapable()) {
      return out;
    }
    for (Modality m : mods) {
      out.put(m, new Fetcher.LocalOption(model.version(), expert, model.experts().get(expert).name(),
          model.encoderFlops(expert, m), model.encodedWidth(expert, m)));
    }
    return out;
  }

  /**
   * The LOCAL options of a round: per modality of {@code wanted}, only when all its samples target the
   * same expert ({@code target[i]} for {@code ids.get(i)}; -1 = none).
   */
  static Map<Modality, Fetcher.LocalOption> forRound(ServingModel model, List<String> ids, int[] target,
      Map<Modality, List<String>> wanted) {
    Map<Modality, Fetcher.LocalOption> out = new EnumMap<>(Modality.class);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.putIfAbsent(ids.get(i), i);
    }
    wanted.forEach((m, list) -> {
      Set<Integer> experts = new HashSet<>();
      for (String id : list) {
        experts.add(target[index.get(id)]);
      }
      if (experts.size() == 1 && experts.iterator().next() >= 0) {
        out.putAll(forExpert(model, List.of(m), experts.iterator().next()));
      }
    });
    return out;
  }
}
