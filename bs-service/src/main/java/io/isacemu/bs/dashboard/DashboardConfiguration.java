package io.isacemu.bs.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.model.ModelHolder;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.task.Experiment;
import io.isacemu.bs.task.ExperimentService;
import io.isacemu.bs.task.SpectrumLedger;
import io.isacemu.bs.task.TaskMetrics;
import io.isacemu.bs.task.TaskService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the dashboard stream to the beans the REST endpoints read. */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

  /** Experiments the stream shows, newest first. */
  private static final int EXPERIMENTS = 10;

  @Bean
  SnapshotAssembler snapshotAssembler(DeviceRegistry registry, SpectrumLedger ledger, TaskService tasks,
      TaskMetrics metrics, ModelHolder model, ExperimentService experiments, BsProperties properties, Clock clock,
      @Value("${isac.bs.dashboard.max-devices:200}") int maxDevices) {
    SnapshotSources sources = new SnapshotSources(registry::devices, ledger, tasks::all, tasks::size, tasks::inFlight,
        metrics::refusedCount, model, () -> latest(experiments));
    return new SnapshotAssembler(sources, clock, properties.plausibility().cellRadiusM(), maxDevices);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  DashboardPublisher dashboardPublisher(SnapshotAssembler assembler, ObjectMapper json,
      @Value("${isac.bs.dashboard.period-ms:1000}") long periodMs,
      @Value("${isac.bs.dashboard.max-subscribers:16}") int maxSubscribers,
      @Value("${isac.bs.dashboard.emitter-timeout-ms:1800000}") long emitterTimeoutMs) {
    return new DashboardPublisher(assembler, json, periodMs, maxSubscribers, emitterTimeoutMs);
  }

  private static List<Experiment> latest(ExperimentService experiments) {
    int n = experiments.size();
    List<Experiment> page = new ArrayList<>(experiments.page(Math.max(0, n - EXPERIMENTS), EXPERIMENTS));
    Collections.reverse(page);
    return page;
  }
}
