package io.isacemu.bs.bench;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.bs.registry.BsProtos;
import io.isacemu.bs.registry.DeviceLinkService;
import io.isacemu.bs.registry.DeviceRegistry;
import io.isacemu.bs.registry.DeviceStatus;
import io.isacemu.bs.registry.DeviceView;
import io.isacemu.bs.support.TestBundle;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.scheduler.DeviceDemand;
import io.isacemu.core.scheduler.OptimalScheduler;
import io.isacemu.core.scheduler.PathOption;
import io.isacemu.core.scheduler.Schedule;
import io.isacemu.core.scheduler.SchedulingProblem;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.units.Units;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.proto.BsMessage;
import io.isacemu.proto.DeviceLinkGrpc;
import io.isacemu.proto.DeviceMessage;
import io.isacemu.proto.Position;
import io.isacemu.proto.Register;
import io.isacemu.proto.RegisterAck;
import io.isacemu.proto.SenseResultChunks;
import io.isacemu.proto.StateReport;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * StateReport load on ONE BS DeviceLink server (real Netty on 127.0.0.1, a free port) with the real
 * {@link DeviceRegistry} and {@link DeviceLinkService}: {@code N} emulated devices — raw gRPC
 * clients sharing a few channels, one Attach stream each — register and then report at {@code rate}
 * Hz for {@code seconds}. Prints reports sent vs accepted by the registry (loss %), the registry's
 * report lag ({@code now − measured_at}) p50/p99, and, measured while the load runs, the latency of
 * {@link OptimalScheduler#minimizeLatency} on problems built from the LIVE devices (3 devices: the
 * best per modality, as a task round picks them; and 100 devices).
 *
 * <p>Args (all optional): {@code N rateHz seconds channels lostAfterReports}; defaults 1000 10 30 4 10
 * (LOST after 10 silent periods = 1 s at 10 Hz; the BS default of 3 is too tight here, see the README).
 */
public final class ReportLoadBenchmark {

  private static final String LAG_METER = "bs.devices.report.lag";

  private final LongAdder sent = new LongAdder();
  private final LongAdder skippedClosed = new LongAdder();
  private final LongAdder disconnects = new LongAdder();
  private final LongAdder streamErrors = new LongAdder();
  /** Sends every device's reports at its rate from its ack on; phases follow the ack times. */
  private final ScheduledThreadPoolExecutor senders = new ScheduledThreadPoolExecutor(2);
  private long periodMicros;

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogging();
    int n = BenchSupport.intArg(args, 0, 1000);
    double rateHz = BenchSupport.doubleArg(args, 1, 10);
    int seconds = BenchSupport.intArg(args, 2, 30);
    int channels = BenchSupport.intArg(args, 3, 4);
    int lostAfter = BenchSupport.intArg(args, 4, 10);
    new ReportLoadBenchmark().run(n, rateHz, seconds, channels, lostAfter);
    System.exit(0);
  }

  /** One emulated device: a raw Attach stream. Reports are sent from one scheduler task at a time. */
  private final class Device implements ClientResponseObserver<DeviceMessage, BsMessage> {
    final String id;
    final Modality modality;
    final double gainDb;
    final CompletableFuture<RegisterAck> ack = new CompletableFuture<>();
    volatile ClientCallStreamObserver<DeviceMessage> out;
    volatile boolean closed;
    long seq;

    Device(String id, Modality modality, double gainDb) {
      this.id = id;
      this.modality = modality;
      this.gainDb = gainDb;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<DeviceMessage> requestStream) {
      out = requestStream;
    }

    @Override
    public void onNext(BsMessage m) {
      switch (m.getKindCase()) {
        case REGISTER_ACK -> {
          // like a device-service: report from the ack on (a gap longer than the LOST timeout would
          // drop the early registrants before their first report)
          if (m.getRegisterAck().getAccepted()) {
            senders.scheduleAtFixedRate(this::report, 0, periodMicros, TimeUnit.MICROSECONDS);
          }
          ack.complete(m.getRegisterAck());
        }
        case DISCONNECT -> {
          disconnects.increment();
          closed = true;
        }
        default -> { }
      }
    }

    @Override
    public void onError(Throwable t) {
      streamErrors.increment();
      closed = true;
      ack.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      closed = true;
      ack.completeExceptionally(new IllegalStateException("closed before ack"));
    }

    /** Synchronized with the Register send: a ClientCallStreamObserver is not thread-safe. */
    synchronized void report() {
      if (closed) {
        // the BS ended this stream (LOST): the report cannot reach it, and counts as lost
        skippedClosed.increment();
        return;
      }
      Instant now = Instant.now();
      StateReport r = StateReport.newBuilder().setSequenceNumber(++seq)
          .setMeasuredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
          .setChannelGainDb(gainDb).setTxPowerDbm(23).setCpuLoad(0.2).setEnergyUsedJ(seq * 1e-3)
          .setPosition(Position.newBuilder().setXM(50).setYM(seq % 100)).setSpeedMps(1.0).build();
      sent.increment();
      try {
        out.onNext(DeviceMessage.newBuilder().setStateReport(r).build());
      } catch (RuntimeException e) {
        closed = true;
      }
    }

    synchronized void close() {
      try {
        out.onCompleted();
      } catch (RuntimeException ignored) {
        // already cancelled
      }
    }
  }

  /** Client-side p50/p99 of the registry's own lag summary, one window for the whole run. */
  private static <R extends MeterRegistry> R lagPercentiles(R registry) {
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().equals(LAG_METER)
            ? DistributionStatisticConfig.builder().percentiles(0.5, 0.99).percentilePrecision(3)
                .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config)
            : config;
      }
    });
    return registry;
  }

  private static String lagRow(DistributionSummary lag) {
    double p50 = 0;
    double p99 = 0;
    for (ValueAtPercentile v : lag.takeSnapshot().percentileValues()) {
      if (v.percentile() == 0.5) {
        p50 = v.value();
      } else if (v.percentile() == 0.99) {
        p99 = v.value();
      }
    }
    return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p50, p99, lag.max());
  }

  private void run(int n, double rateHz, int seconds, int channelCount, int lostAfter) throws Exception {
    int periodMs = (int) Math.round(1000 / rateHz);
    periodMicros = Math.round(1e6 / rateHz);
    var data = TestBundle.dataset();
    DatasetCatalog catalog = DatasetCatalog.of(data);
    BsProperties props = properties(periodMs, lostAfter, n);
    // the whole run, and the steady state: a second registry joins the composite once the warm-up
    // (registration burst, JIT) is over, so its lag summary holds only the later reports
    SimpleMeterRegistry whole = lagPercentiles(new SimpleMeterRegistry());
    SimpleMeterRegistry steady = lagPercentiles(new SimpleMeterRegistry());
    CompositeMeterRegistry meters = lagPercentiles(new CompositeMeterRegistry());
    meters.add(whole);
    DeviceRegistry registry = new DeviceRegistry(props, catalog, Clock.systemUTC(), meters);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .maxInboundMessageSize(SenseResultChunks.MAX_MAX_MESSAGE_BYTES)
        .addService(new DeviceLinkService(registry, props.maxMessageBytes()))
        .build().start();
    List<ManagedChannel> channels = new ArrayList<>();
    for (int c = 0; c < channelCount; c++) {
      channels.add(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build());
    }
    System.out.printf(Locale.ROOT, "# ReportLoadBenchmark: %d devices x %.1f Hz x %d s, %d channels, Netty 127.0.0.1:%d, "
        + "LOST after %d x %d ms%n# machine at start: %s%n", n, rateHz, seconds, channelCount, server.getPort(),
        lostAfter, periodMs, BenchSupport.machine());

    // attach and register every device
    SplittableRandom random = new SplittableRandom(42);
    List<Device> devices = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Modality m = Modality.values()[i % 3];
      Device d = new Device(String.format(Locale.ROOT, "dev-%05d", i), m, -110 + 30 * random.nextDouble());
      DeviceLinkGrpc.newStub(channels.get(i % channelCount)).attach(d);
      synchronized (d) {
        d.out.onNext(DeviceMessage.newBuilder().setRegister(register(d, catalog)).build());
      }
      devices.add(d);
    }
    int accepted = 0;
    for (Device d : devices) {
      try {
        if (d.ack.get(60, TimeUnit.SECONDS).getAccepted()) {
          accepted++;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // the BS ended the stream before the ack arrived (e.g. LOST under load): counted below
      }
    }
    double registerSeconds = (System.nanoTime() - t0) / 1e9;
    // the liveness check (as DeviceLinkServer runs it) starts once every device is attached, after a
    // 2 s warm-up: during the registration burst reports stall long enough to LOST devices (README)
    ScheduledExecutorService liveness = Executors.newSingleThreadScheduledExecutor();
    liveness.scheduleAtFixedRate(registry::checkLiveness, LIVENESS_DELAY_MS, periodMs, TimeUnit.MILLISECONDS);

    UplinkModel uplink = new UplinkModel(new Spectrum(props.radio().totalBandwidthHz(), props.radio().unitBandwidthHz()),
        ThermalNoise.withNoiseFigure(props.radio().noiseFigureDb()), props.radio().bsAntennas());
    OptimalScheduler scheduler = new OptimalScheduler();
    Histogram solve3 = BenchSupport.nanosHistogram();
    Histogram build3 = BenchSupport.nanosHistogram();
    Histogram solve100 = BenchSupport.nanosHistogram();
    Histogram build100 = BenchSupport.nanosHistogram();
    int infeasible = 0;
    long loadStart = System.nanoTime();
    long loadEnd = loadStart + TimeUnit.SECONDS.toNanos(seconds);
    long warmupEnd = loadStart + TimeUnit.SECONDS.toNanos(Math.min(5, seconds / 4));
    long nextProbe = loadStart;
    boolean steadyStarted = false;
    while (System.nanoTime() < loadEnd) {
      nextProbe += TimeUnit.MILLISECONDS.toNanos(100);
      boolean record = System.nanoTime() >= warmupEnd;
      if (record && !steadyStarted) {
        meters.add(steady);
        steadyStarted = true;
      }
      // 3 devices: the best LIVE device per modality, as a task's fetch round chooses them
      long a = System.nanoTime();
      List<DeviceDemand> three = new ArrayList<>();
      for (Modality m : Modality.values()) {
        registry.live(m).stream().max(Comparator.comparingDouble(v -> snrPerUnit(uplink, v)))
            .ifPresent(v -> three.add(demand(uplink, v, props.sensingSeconds())));
      }
      SchedulingProblem p3 = new SchedulingProblem(props.radio().unitBandwidthHz(), units(props), three);
      long b = System.nanoTime();
      Schedule s3 = scheduler.minimizeLatency(p3);
      long c = System.nanoTime();
      // 100 devices: the first 100 LIVE ones
      List<DeviceDemand> hundred = new ArrayList<>();
      for (DeviceView v : registry.devices()) {
        if (v.status() == DeviceStatus.LIVE && hundred.size() < 100) {
          hundred.add(demand(uplink, v, props.sensingSeconds()));
        }
      }
      SchedulingProblem p100 = new SchedulingProblem(props.radio().unitBandwidthHz(), units(props), hundred);
      long d = System.nanoTime();
      Schedule s100 = scheduler.minimizeLatency(p100);
      long e = System.nanoTime();
      infeasible += (s3 instanceof Schedule.Infeasible ? 1 : 0) + (s100 instanceof Schedule.Infeasible ? 1 : 0);
      if (record) {
        build3.recordValue(b - a);
        solve3.recordValue(c - b);
        build100.recordValue(d - c);
        solve100.recordValue(e - d);
      }
      long sleep = nextProbe - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
    }
    senders.shutdown();
    senders.awaitTermination(10, TimeUnit.SECONDS);
    // what counts is a device declared LOST while it was reporting, not once the load has stopped
    liveness.shutdownNow();
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    // reports start at each ack, so the offered rate is over registration + load
    double reportingSeconds = (System.nanoTime() - t0) / 1e9;
    DistributionSummary lag = whole.get(LAG_METER).summary();
    long acceptedAtEnd = lag.count();
    // let what is still queued in the transports arrive
    long drainStart = System.nanoTime();
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(10)) {
      long now = lag.count();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now >= sent.sum() || System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(1)) {
        break;
      }
      Thread.sleep(50);
    }
    long acceptedFinal = lag.count();
    // created at the first invalid report
    long invalid = (long) meters.find("bs.devices.reports.invalid").counters().stream().mapToDouble(c -> c.count()).sum();
    long lost = registry.devices().stream().filter(v -> v.status() == DeviceStatus.LOST).count();
    String machineAtEnd = BenchSupport.machine();

    long attempted = sent.sum() + skippedClosed.sum();
    double lossPct = 100.0 * (attempted - acceptedFinal) / attempted;
    DistributionSummary steadyLag = steady.get(LAG_METER).summary();
    System.out.printf(Locale.ROOT, "%n## StateReport load (%d devices, %.1f Hz, %.1f s of load)%n%n", n, rateHz, loadSeconds);
    System.out.println("| metric | value |");
    System.out.println("|---|---|");
    System.out.printf(Locale.ROOT, "| register %d devices (attach + ack), s | %.2f |%n", n, registerSeconds);
    System.out.printf(Locale.ROOT, "| devices acked (accepted) | %d |%n", accepted);
    System.out.printf(Locale.ROOT, "| reports attempted by the clients | %d |%n", attempted);
    System.out.printf(Locale.ROOT, "| ... of which not sent (stream closed by the BS) | %d |%n", skippedClosed.sum());
    System.out.printf(Locale.ROOT, "| offered rate (registration + load), reports/s | %.0f |%n", attempted / reportingSeconds);
    System.out.printf(Locale.ROOT, "| accepted by the registry at end of load | %d |%n", acceptedAtEnd);
    System.out.printf(Locale.ROOT, "| accepted by the registry after drain (%.1f s) | %d |%n",
        (System.nanoTime() - drainStart) / 1e9 > 10 ? 10.0 : (System.nanoTime() - drainStart) / 1e9, acceptedFinal);
    System.out.printf(Locale.ROOT, "| invalid reports | %d |%n", invalid);
    System.out.printf(Locale.ROOT, "| **reports lost** | **%.4f %%** (%d) |%n", lossPct, attempted - acceptedFinal);
    System.out.printf(Locale.ROOT, "| registry report lag p50 / p99 / max, ms, whole run | %s |%n", lagRow(lag));
    System.out.printf(Locale.ROOT, "| **report lag p50 / p99 / max, ms, steady state** (after the first %d s of load; %d reports) | **%s** |%n",
        (warmupEnd - loadStart) / 1_000_000_000L, steadyLag.count(), lagRow(steadyLag));
    System.out.printf(Locale.ROOT, "| devices LOST at end / Disconnects / stream errors | %d / %d / %d |%n",
        lost, disconnects.sum(), streamErrors.sum());
    System.out.printf(Locale.ROOT, "%n## Scheduling latency under load (probe every 100 ms, first %d s discarded, %d infeasible)%n%n",
        (warmupEnd - loadStart) / 1_000_000_000L, infeasible);
    System.out.println("| what | samples | p50 µs | p99 µs | max µs |");
    System.out.println("|---|---|---|---|---|");
    System.out.println(BenchSupport.microsRow("minimizeLatency, 3 devices", solve3));
    System.out.println(BenchSupport.microsRow("minimizeLatency, 100 devices", solve100));
    System.out.println(BenchSupport.microsRow("build 3-device problem (registry.live ×3 + best γ_1)", build3));
    System.out.println(BenchSupport.microsRow("build 100-device problem (registry.devices)", build100));
    System.out.printf("%n# machine at end: %s%n", machineAtEnd);

    for (Device d : devices) {
      d.close();
    }
    for (ManagedChannel c : channels) {
      c.shutdown();
    }
    for (ManagedChannel c : channels) {
      if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
        c.shutdownNow();
      }
    }
    liveness.shutdownNow();
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
  }

  private static Register register(Device d, DatasetCatalog catalog) {
    double rate = switch (d.modality) {
      case VIDEO -> 4e6;
      case AUDIO -> 128e3;
      case TEXT -> 1e3;
    };
    return Register.newBuilder().setDeviceId(d.id).setModality(BsProtos.wire(d.modality))
        .setSensingRateBps(rate).setTxPowerDbm(23).setCpuHz(1e9)
        .setPosition(Position.newBuilder().setXM(50).setYM(0))
        .setFeatureDim(catalog.featureDim(d.modality).orElseThrow()).setSequenceLength(catalog.sequenceLength(d.modality).orElseThrow())
        .setDatasetFingerprint(catalog.fingerprint()).setSoftwareVersion("bench").build();
  }

  /** γ_1 as the BS computes it (task/DeviceSelector): eq. (5) with one unit from the reported gain, else the SNR. */
  private static double snrPerUnit(UplinkModel uplink, DeviceView v) {
    if (v.channelGainDb().isPresent()) {
      double gain = Math.min(1.0, Units.dbToLinear(v.channelGainDb().get()));
      return uplink.snrPerUnitLinear(Math.max(-50, Math.min(50, v.txPowerDbm())), gain);
    }
    return uplink.bsAntennas() * Units.dbToLinear(v.snrDb().orElse(0.0));
  }

  /** One sample's OFFLOAD demand {@code A_k = m_k · T^s} (eq. 1), as a task round builds it. */
  private static DeviceDemand demand(UplinkModel uplink, DeviceView v, double sensingSeconds) {
    return DeviceDemand.powerLimited(v.deviceId(), snrPerUnit(uplink, v), Units.dbmToWatts(v.txPowerDbm()),
        List.of(PathOption.offload(v.sensingRateBps() * sensingSeconds, 0.0)));
  }

  private static int units(BsProperties p) {
    return SchedulingProblem.unitsFor(p.radio().totalBandwidthHz(), p.radio().unitBandwidthHz());
  }

  /** The BS default attach grace (isac.bs.attach-grace-ms), ms. */
  static final long ATTACH_GRACE_MS = 10_000;

  /** Liveness checks run from the start, as in the BS (the attach grace covers the burst). */
  static final long LIVENESS_DELAY_MS = 0;

  /** The BS defaults with the benchmark's report period, room for {@code devices}, and the test dataset. */
  private static BsProperties properties(int reportPeriodMs, int lostAfterReports, int devices) {
    BsProperties.Limits l = BsProperties.Limits.DEFAULTS;
    BsProperties.Limits limits = new BsProperties.Limits(l.maxTasksInFlight(), l.maxDeadlineSeconds(),
        l.retryAfterSeconds(), l.maxExperimentModes(), l.maxPageSize(), l.registerTimeoutMs(),
        Math.max(l.maxDevices(), devices), l.forgetLostAfterSeconds(), l.maxStoredTasks(), l.maxExperimentsQueued());
    var d = TestBundle.DATASET;
    return new BsProperties(0, "", "", "", new BsProperties.Auth("", null), reportPeriodMs, lostAfterReports,
        ATTACH_GRACE_MS, 1048576, 0.1, 0.01, 3000, 10.0, 2, 1000, 0.1,
        new BsProperties.Radio(20e6, 180e3, 9.0, 4), new BsProperties.Mec(20e9, 16),
        io.isacemu.data.DatasetSettings.synthetic(d), BsProperties.Processing.AUTO, limits,
        BsProperties.Plausibility.DEFAULTS, BsProperties.Storage.NONE);
  }
}
