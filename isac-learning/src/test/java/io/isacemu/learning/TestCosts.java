package io.isacemu.learning;

import io.isacemu.core.cost.CostMetric;

import java.util.Map;

/** Costs of the toy experts: V+A+T ten times text on every component. */
final class TestCosts {

  private TestCosts() {}

  static GateCostTable table(CostMetric selector) {
    return new GateCostTable(
        Map.of(
            "T", new GateExpertCost(0.01, 0.1, 1e3, 1e6),
            "V+A+T", new GateExpertCost(0.1, 1.0, 1e4, 1e7),
            "V+A", new GateExpertCost(0.09, 0.9, 9e3, 9e6)),
        selector);
  }
}
