package io.isacemu.bs.task;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.GateMode;
import io.isacemu.bs.model.ServingModel;
import io.isacemu.core.modality.Modality;
import java.util.ArrayList;
import java.util.List;

/**
 * How a task picks the expert per sample, and therefore what it senses and fetches: a learned gate
 * ({@link Gated}, in one of isac-learning's {@link GateMode}s) or one fixed expert.
 *
 * <ul>
 *   <li>{@code full} ({@link GateMode#FULL}): every modality the bundle uses is sensed and fetched for
 *       every sample; the gate reads its inputs and picks the expert per sample. Only MEC compute is saved.
 *   <li>{@code on-demand} ({@link GateMode#ON_DEMAND}): only the gate's cheap inputs are fetched first;
 *       the gate (with the network state when the bundle takes it) picks per sample; then only the
 *       chosen experts' missing modalities are fetched, only for the samples that need them.
 *   <li>{@link Fixed} ({@code fixed:<expert>}, e.g. {@code fixed:T}, {@code fixed:V+A+T}): always that
 *       expert (the Table I baseline rows).
 * </ul>
 */
public sealed interface TaskMode permits TaskMode.Gated, TaskMode.Fixed {

  /** The wire/REST form: {@code full}, {@code on-demand} or {@code fixed:<expert>}. */
  String label();

  /** The gate in service picks per sample. */
  record Gated(GateMode gate) implements TaskMode {
    public Gated {
      if (gate == null) {
        throw new IllegalArgumentException("gate: is required (was null)");
      }
    }

    @Override
    public String label() {
      return gate.wireName();
    }
  }

  /**
   * Always {@code expert}.
   *
   * @param expert the expert's modality set
   */
  record Fixed(ModalitySet expert) implements TaskMode {
    public Fixed {
      if (expert == null) {
        throw InvalidFieldException.required("expert");
      }
    }

    @Override
    public String label() {
      return "fixed:" + expert.name();
    }
  }

  /**
   * Parses {@code full}, {@code on-demand} or {@code fixed:<expert>} (expert as {@code T}, {@code
   * V+A+T}, ...; case-insensitive).
   *
   * @throws IllegalArgumentException naming the value when it is none of these
   */
  static TaskMode parse(String value) {
    if (value == null) {
      throw InvalidFieldException.required("mode");
    }
    String v = value.trim();
    for (GateMode g : GateMode.values()) {
      if (v.equalsIgnoreCase(g.wireName())) {
        return new Gated(g);
      }
    }
    if (v.regionMatches(true, 0, "fixed:", 0, 6)) {
      try {
        return new Fixed(ModalitySet.parse(v.substring(6)));
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException("mode", value, "'" + value + "' names no valid expert (" + e.getMessage() + ")", e);
      }
    }
    throw InvalidFieldException.rejected(
        "mode", value, "is not one of full, on-demand, fixed:<expert> (e.g. fixed:T, fixed:V+A+T)");
  }

  /**
   * Table I's rows: fixed V, A, T and V+A+T where {@code model} has the expert, then every gate mode
   * ({@code full}, {@code on-demand}).
   */
  static List<TaskMode> tableOne(ServingModel model) {
    List<TaskMode> modes = new ArrayList<>();
    for (ModalitySet s : List.of(ModalitySet.of(Modality.VIDEO), ModalitySet.of(Modality.AUDIO),
        ModalitySet.of(Modality.TEXT), ModalitySet.all())) {
      if (model.indexOf(s) >= 0) {
        modes.add(new Fixed(s));
      }
    }
    for (GateMode g : GateMode.values()) {
      modes.add(new Gated(g));
    }
    return modes;
  }
}
