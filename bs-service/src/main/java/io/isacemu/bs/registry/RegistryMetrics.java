package io.isacemu.bs.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/** The registry's meters ({@code bs.devices.*}). Thread-safe. */
final class RegistryMetrics {

  private final MeterRegistry meters;
  private final Counter quarantined;
  private final Counter protocolErrors;
  private final DistributionSummary reportLag;

  RegistryMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.quarantined = Counter.builder("bs.devices.quarantined")
        .description("sessions ended for repeated implausible reports").register(meters);
    this.protocolErrors = Counter.builder("bs.devices.protocol.errors")
        .description("streams ended for a protocol violation").register(meters);
    this.reportLag = DistributionSummary.builder("bs.devices.report.lag").baseUnit("milliseconds")
        .description("StateReport lag: receive time - measured_at").register(meters);
  }

  /** {@code bs.devices{status}}: devices LIVE, LOST and QUARANTINED. */
  <T> void deviceGauges(T registry, ToDoubleFunction<T> live, ToDoubleFunction<T> lost, ToDoubleFunction<T> quarantined) {
    Gauge.builder("bs.devices", registry, live).tag("status", "live").register(meters);
    Gauge.builder("bs.devices", registry, lost).tag("status", "lost").register(meters);
    Gauge.builder("bs.devices", registry, quarantined).tag("status", "quarantined").register(meters);
  }

  /** {@code bs.devices.refused{reason}}: reason = the refused field (token, id, quarantine, ...). */
  void refused(String refusal) {
    String field = refusal.contains(":") ? refusal.substring(0, refusal.indexOf(':')) : "other";
    String reason = switch (field) {
      case "auth_token" -> "token";
      case "device_id" -> refusal.contains("quarantined") ? "quarantined" : refusal.contains("already attached")
          ? "duplicate" : refusal.contains("max-devices") ? "capacity" : "device_id";
      default -> field;
    };
    Counter.builder("bs.devices.refused").description("Registers refused, by reason").tag("reason", reason)
        .register(meters).increment();
  }

  /** {@code bs.devices.reports.invalid{field}}. */
  void invalid(String invalid) {
    String field = invalid.contains(":") ? invalid.substring(0, invalid.indexOf(':')) : "other";
    Counter.builder("bs.devices.reports.invalid").description("StateReports rejected as invalid, by field")
        .tag("field", field).register(meters).increment();
  }

  void reportLagMs(long lagMs) {
    reportLag.record(lagMs);
  }

  void quarantined() {
    quarantined.increment();
  }

  void protocolError() {
    protocolErrors.increment();
  }
}
