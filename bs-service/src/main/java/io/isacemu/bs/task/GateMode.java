package io.isacemu.bs.task;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.core.modality.ModalitySet;

/**
 * How a task picks the expert per sample, and therefore what it senses and fetches.
 *
 * <ul>
 *   <li>{@link Full} ({@code full}): every modality the bundle uses is sensed and fetched for every
 *       sample; the gate reads its inputs and picks the expert per sample. Only MEC compute is saved.
 *   <li>{@link OnDemand} ({@code on-demand}): only the gate's cheap inputs are fetched first; the gate
 *       (with the network state when the bundle takes it) picks per sample; then only the chosen
 *       experts' missing modalities are fetched, only for the samples that need them.
 *   <li>{@link Fixed} ({@code fixed:<expert>}, e.g. {@code fixed:T}, {@code fixed:V+A+T}): always that
 *       expert (the Table I baseline rows).
 * </ul>
 */
public sealed interface GateMode permits GateMode.Full, GateMode.OnDemand, GateMode.Fixed {

  /** The wire/REST form: {@code full}, {@code on-demand} or {@code fixed:<expert>}. */
  String label();

  /** Gate reads everything. */
  record Full() implements GateMode {
    @Override
    public String label() {
      return "full";
    }
  }

  /** Gate reads the cheap inputs; the rest is fetched on demand. */
  record OnDemand() implements GateMode {
    @Override
    public String label() {
      return "on-demand";
    }
  }

  /**
   * Always {@code expert}.
   *
   * @param expert the expert's modality set
   */
  record Fixed(ModalitySet expert) implements GateMode {
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
  static GateMode parse(String value) {
    if (value == null) {
      throw InvalidFieldException.required("mode");
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("full")) {
      return new Full();
    }
    if (v.equalsIgnoreCase("on-demand")) {
      return new OnDemand();
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
}
