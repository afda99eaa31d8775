package io.isacemu.results.plots;

import io.isacemu.core.validation.Check;
import java.util.List;
import java.util.Optional;

/**
 * An accuracy-versus-cost chart: fixed experts as points, a dynamic-fusion mode as a curve over λ,
 * the random-routing line between two fixed experts (mixing them with probability q gives the
 * straight line between their (cost, accuracy)), and optional oracle points.
 *
 * @param title the chart title
 * @param costAxis the x-axis label with its unit, e.g. {@code energy per sample (J)}
 * @param accuracyAxis the y-axis label, e.g. {@code Acc-2 (non-zero)}
 * @param fixedExperts one point per fixed expert, labelled by the expert (e.g. {@code T})
 * @param dynamicLabel the legend label of the curve, e.g. {@code on-demand over λ}
 * @param dynamic the curve's points in λ order, each labelled with its λ (may be empty)
 * @param randomFrom the random-routing line's one end (e.g. expert T); empty for none
 * @param randomTo its other end (e.g. V+A+T); present iff {@code randomFrom} is
 * @param oracle oracle points (may be empty)
 * @param otherModes the point's other modes (e.g. the other gate, {@code full}), one point each,
 *     labelled by the mode (may be empty)
 */
public record TradeoffData(
    String title,
    String costAxis,
    String accuracyAxis,
    List<XyPoint> fixedExperts,
    String dynamicLabel,
    List<XyPoint> dynamic,
    Optional<XyPoint> randomFrom,
    Optional<XyPoint> randomTo,
    List<XyPoint> oracle,
    List<XyPoint> otherModes) {

  public TradeoffData {
    Check.present("title", title);
    Check.present("costAxis", costAxis);
    Check.present("accuracyAxis", accuracyAxis);
    fixedExperts = List.copyOf(Check.present("fixedExperts", fixedExperts));
    Check.present("dynamicLabel", dynamicLabel);
    dynamic = List.copyOf(Check.present("dynamic", dynamic));
    Check.present("randomFrom", randomFrom);
    Check.present("randomTo", randomTo);
    if (randomFrom.isPresent() != randomTo.isPresent()) {
      throw io.isacemu.core.validation.InvalidFieldException.rejected(
          "randomTo", randomTo, "must be present iff randomFrom is (randomFrom " + randomFrom + ")");
    }
    oracle = List.copyOf(Check.present("oracle", oracle));
    otherModes = List.copyOf(Check.present("otherModes", otherModes));
  }
}
