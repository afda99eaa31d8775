package io.isacemu.learning.deploy;

import io.isacemu.core.cost.CostMetric;
import io.isacemu.core.validation.Check;
import io.isacemu.core.validation.InvalidFieldException;
import java.util.Locale;

/**
 * Which of a job's per-λ gates is deployed, judged on the validation split ({@link DeploySelection}).
 * Errors name the job request's field ({@code deployLambda}, {@code maxAccuracyLoss}, {@code
 * costBudget.*}) and the value. {@link #wire()} is the form kept in bundle metadata and results.
 */
public sealed interface DeployRule {

  /** The one-line form in bundle metadata, e.g. {@code costBudget energy 0.05}; {@link #parse} reads it back. */
  String wire();

  /**
   * The gate trained with exactly this λ.
   *
   * @param lambda one of the job's λ, finite and ≥ 0
   */
  record ByLambda(double lambda) implements DeployRule {
    public ByLambda {
      Check.nonNegative("deployLambda", lambda);
    }

    @Override
    public String wire() {
      return "byLambda " + lambda;
    }
  }

  /**
   * The cheapest gate (lowest expected normalised cost) whose validation Acc-2 is at most {@code
   * lossPoints} percentage points below the best fixed gate expert's validation Acc-2.
   *
   * @param lossPoints accuracy loss allowed, percentage points of Acc-2 (has-zero), in [0, 100]
   */
  record MaxAccuracyLoss(double lossPoints) implements DeployRule {
    public MaxAccuracyLoss {
      Check.inRange("maxAccuracyLoss", lossPoints, 0, 100);
    }

    @Override
    public String wire() {
      return "maxAccuracyLoss " + lossPoints;
    }
  }

  /**
   * The most accurate gate whose expected validation cost per sample in {@code metric} is at most
   * {@code perSample}.
   *
   * @param metric the budget's resource
   * @param perSample the budget per sample in the metric's unit (s, J, bit or FLOP), finite and ≥ 0
   */
  record CostBudget(CostMetric metric, double perSample) implements DeployRule {
    public CostBudget {
      Check.present("costBudget.metric", metric);
      Check.nonNegative("costBudget.perSample", perSample);
    }

    @Override
    public String wire() {
      return "costBudget " + metric.name().toLowerCase(Locale.ROOT) + " " + perSample;
    }

    /** The unit of {@link #perSample}. */
    public String unit() {
      return switch (metric) {
        case LATENCY -> "s";
        case ENERGY -> "J";
        case BITS -> "bit";
        case FLOPS -> "FLOP";
      };
    }
  }

  /**
   * The default when a job names no rule (the platform's rule before budgets): the cheapest gate
   * whose validation Acc-2 is within {@code lossPoints} points of the best <em>gate</em> run's.
   *
   * @param lossPoints percentage points of Acc-2, in [0, 100]
   */
  record NearBestGate(double lossPoints) implements DeployRule {
    /** The default: within one point. */
    public static final NearBestGate DEFAULT = new NearBestGate(1.0);

    public NearBestGate {
      Check.inRange("nearBestGate", lossPoints, 0, 100);
    }

    @Override
    public String wire() {
      return "nearBestGate " + lossPoints;
    }
  }

  /**
   * Reads {@link #wire()}.
   *
   * @throws InvalidFieldException naming {@code field} when {@code text} is not a rule
   */
  static DeployRule parse(String field, String text) {
    String[] p = text == null ? new String[0] : text.trim().split("\\s+");
    int tokens = p.length > 0 && p[0].equals("costBudget") ? 3 : 2;
    if (p.length != tokens) {
      throw InvalidFieldException.rejected(field, text, "is not a deploy rule");
    }
    try {
      return switch (p.length == 0 ? "" : p[0]) {
        case "byLambda" -> new ByLambda(Double.parseDouble(p[1]));
        case "maxAccuracyLoss" -> new MaxAccuracyLoss(Double.parseDouble(p[1]));
        case "nearBestGate" -> new NearBestGate(Double.parseDouble(p[1]));
        case "costBudget" -> new CostBudget(CostMetric.parse(p[1]), Double.parseDouble(p[2]));
        default -> throw InvalidFieldException.rejected(field, text, "is not a deploy rule");
      };
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(field, text, "'" + text + "' is not a deploy rule", e);
    }
  }
}
