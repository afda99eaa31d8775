package io.isacemu.device.sensing;

import io.isacemu.core.validation.Check;
import java.util.List;

/**
 * The modelled result of one sense command, before it is put on the wire.
 *
 * @param status outcome
 * @param errorMessage why, when {@code status != OK}; empty otherwise
 * @param samples the samples sent, in command order
 * @param bitsSent {@code A_k}: bits sent over the air, {@code ≥ 0}
 * @param sensingS modelled sensing time {@code T^s_k}, emulated s, {@code ≥ 0}
 * @param commS modelled uplink time {@code bits / R_k}, emulated s, {@code ≥ 0}
 * @param computeS modelled local compute time {@code cycles / f_k}, emulated s, {@code ≥ 0}
 * @param energyJ energy spent on the command, J, {@code ≥ 0}
 * @param wallDelayS wall seconds to wait before the answer is sent ({@code (sensing + compute +
 *     comm)·timeScaleFactor}), {@code ≥ 0}
 * @param encodeWallS measured wall seconds the local encoder ran (LOCAL), 0 for OFFLOAD, {@code ≥ 0}
 */
public record SenseOutcome(
    SenseStatus status,
    String errorMessage,
    List<SensedSample> samples,
    long bitsSent,
    double sensingS,
    double commS,
    double computeS,
    double energyJ,
    double wallDelayS,
    double encodeWallS) {

  public SenseOutcome {
    Check.present("status", status);
    Check.present("errorMessage", errorMessage);
    samples = List.copyOf(samples);
    Check.nonNegative("bitsSent", bitsSent);
    Check.nonNegative("sensingS", sensingS);
    Check.nonNegative("commS", commS);
    Check.nonNegative("computeS", computeS);
    Check.nonNegative("energyJ", energyJ);
    Check.nonNegative("wallDelayS", wallDelayS);
    Check.nonNegative("encodeWallS", encodeWallS);
  }

  /** A command refused before anything was sensed: no samples, no cost, no delay. */
  public static SenseOutcome refused(SenseStatus status, String errorMessage) {
    return new SenseOutcome(status, errorMessage, List.of(), 0, 0, 0, 0, 0, 0, 0);
  }
}
