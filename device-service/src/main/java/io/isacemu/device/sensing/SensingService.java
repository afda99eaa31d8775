package io.isacemu.device.sensing;

import io.isacemu.core.compute.DeviceProcessor;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.sensing.SensingWindow;
import io.isacemu.core.spectrum.Spectrum;
import io.isacemu.core.uplink.ThermalNoise;
import io.isacemu.core.uplink.UplinkModel;
import io.isacemu.core.validation.Check;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.SampleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes sense commands for one device against the system model.
 *
 * <pre>
 *   (1)  n_k      = m_k T^s_k                      raw bits of ONE sample (OFFLOAD): each of the
 *                                                  command's N samples is its own window T^s_k
 *        bits     = 32 d_model per sample            (LOCAL: encoder output, float32)
 *   (5)  R_k      = b_k B_min log2(1 + M P_k h_k / σ²(b_k B_min))   ({@link UplinkModel})
 *        T^comm_k = bits / R_k
 *        T^loc_k  = cycles / f_k,  E^loc_k = κ f_k² cycles          ({@link DeviceProcessor})
 *        E_k      = P_s N T^s_k + P_k T^comm_k + E^loc_k
 * </pre>
 *
 * <p>The BS models the same command the same way (N windows, {@code N·m_k·T^s_k} raw bits, both
 * from {@link SensingWindow}), so the bits and energy a device reports match the BS's model.
 *
 * <p>Deadline: samples are processed and uploaded one after the other after the N sensing windows;
 * sample {@code i} (1-based) is in time when {@code N·T^s + i·(t_loc + bits_1/R) ≤ deadline_s} in
 * emulated seconds. Samples that miss the deadline are not sent and the status is {@link
 * SenseStatus#DEADLINE_EXCEEDED}; otherwise unknown ids give {@link SenseStatus#UNKNOWN_SAMPLE}
 * (known ones still sent). The deadline is judged on modelled time, which is deterministic, not on
 * the measured wall time (reported separately).
 */
public final class SensingService {

  /** Largest number of sample ids in one command (device.proto). */
  public static final int MAX_SAMPLE_IDS = 100_000;

  /** The answer to a LOCAL command while no encoder is installed. */
  public static final String NO_ENCODER_MESSAGE = "local processing unavailable: no encoder loaded";

  private static final int MAX_ERROR_CHARS = 1024;
  private static final int BITS_PER_FLOAT = 32;

  private final DeviceEmulator emulator;
  private final ThermalNoise noise;
  private final int bsAntennas;
  private final EncoderSource encoders;

  /**
   * @param emulator the device
   * @param noise receiver noise at the BS (must match the BS's model)
   * @param bsAntennas {@code M}, BS receive antennas, in [1, 1024] (must match the BS)
   * @param encoders where LOCAL commands find their encoder (by bundle version and expert)
   */
  public SensingService(
      DeviceEmulator emulator, ThermalNoise noise, int bsAntennas, EncoderSource encoders) {
    this.emulator = Check.present("emulator", emulator);
    this.noise = Check.present("noise", noise);
    this.bsAntennas = (int) Check.inRange("bsAntennas", bsAntennas, 1, 1024);
    this.encoders = Check.present("encoders", encoders);
  }

  /**
   * A device with one fixed encoder ({@link EncoderSource#fixed}) or none ({@link
   * EncoderSource#none}).
   */
  public SensingService(
      DeviceEmulator emulator, ThermalNoise noise, int bsAntennas, Optional<LocalEncoder> encoder) {
    this(emulator, noise, bsAntennas,
        Check.present("encoder", encoder).map(EncoderSource::fixed).orElseGet(EncoderSource::none));
  }

  /** The encoders LOCAL commands use. */
  public EncoderSource encoders() {
    return encoders;
  }

  /** The device. */
  public DeviceEmulator emulator() {
    return emulator;
  }

  /**
   * Checks a command without executing it.
   *
   * @return the {@link SenseStatus#INVALID_COMMAND} answer when the command is malformed, the
   *     {@link SenseStatus#LOCAL_UNAVAILABLE} answer when it asks for LOCAL and the device has no
   *     encoder for the named bundle version and expert; empty when it may run
   */
  public Optional<SenseOutcome> validate(SenseRequest request) {
    Optional<String> problem = problem(request);
    if (problem.isPresent()) {
      return problem.map(p -> SenseOutcome.refused(SenseStatus.INVALID_COMMAND, p));
    }
    if (request.processingMode().get() == ProcessingMode.LOCAL
        && lookup(request) instanceof EncoderSource.Unavailable u) {
      return Optional.of(SenseOutcome.refused(SenseStatus.LOCAL_UNAVAILABLE, truncate(u.reason())));
    }
    return Optional.empty();
  }

  private EncoderSource.Lookup lookup(SenseRequest r) {
    return encoders.lookup(r.modelVersion(), r.encoderExpert());
  }

  private static String truncate(String message) {
    return message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS - 3) + "..." : message;
  }

  private Optional<String> problem(SenseRequest r) {
    if (r.taskId().isEmpty() || r.taskId().length() > 128) {
      return Optional.of("task_id: '" + r.taskId() + "' must be 1..128 characters");
    }
    if (r.commandId() < 1) {
      return Optional.of("command_id: " + Long.toUnsignedString(r.commandId()) + " must be >= 1");
    }
    if (r.processingMode().isEmpty()) {
      return Optional.of("processing_mode: unspecified or unknown; must be LOCAL or OFFLOAD");
    }
    if (r.sampleIds().isEmpty() || r.sampleIds().size() > MAX_SAMPLE_IDS) {
      return Optional.of("sample_ids: " + r.sampleIds().size() + " ids; must be 1.." + MAX_SAMPLE_IDS);
    }
    if (!(r.sensingTimeS() > 0) || Double.isInfinite(r.sensingTimeS())) {
      return Optional.of("sensing_time_s: " + r.sensingTimeS() + " must be a finite number > 0");
    }
    if (r.bandwidthUnits() < 1 || r.bandwidthUnits() > Integer.MAX_VALUE) {
      return Optional.of("bandwidth_units: " + r.bandwidthUnits() + " must be >= 1");
    }
    if (!(r.unitBandwidthHz() > 0) || Double.isInfinite(r.unitBandwidthHz())) {
      return Optional.of("unit_bandwidth_hz: " + r.unitBandwidthHz() + " must be a finite number > 0");
    }
    if (!(r.deadlineS() > 0) || Double.isInfinite(r.deadlineS())) {
      return Optional.of("deadline_s: " + r.deadlineS() + " must be a finite number > 0");
    }
    if (!(r.timeScaleFactor() >= 0) || Double.isInfinite(r.timeScaleFactor())) {
      return Optional.of("time_scale_factor: " + r.timeScaleFactor() + " must be a finite number >= 0");
    }
    return Optional.empty();
  }

  /**
   * The uplink rate eq. (5) for an allocation, with the device's power and the given gain.
   *
   * @param units {@code b_k}, ≥ 1
   * @param unitBandwidthHz {@code B_min}, Hz, > 0
   * @param channelGainLinear {@code h_k}, in (0, 1]
   * @return {@code R_k}, bit/s
   */
  public double rateBps(int units, double unitBandwidthHz, double channelGainLinear) {
    UplinkModel uplink =
        new UplinkModel(new Spectrum(units * unitBandwidthHz, unitBandwidthHz), noise, bsAntennas);
    return uplink.rateBps(emulator.spec().txPowerDbm(), channelGainLinear, units);
  }

  /**
   * Validates and executes a command: reads the samples, models sensing, computing and upload,
   * and books the energy and CPU time on the emulator. Never throws for a bad command: the outcome
   * carries the status.
   */
  public SenseOutcome execute(SenseRequest request) {
    Optional<SenseOutcome> refusal = validate(request);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    // looked up once more: the bundle may have been replaced since validate (then refuse honestly)
    LocalEncoder local = null;
    if (request.processingMode().orElseThrow() == ProcessingMode.LOCAL) {
      EncoderSource.Lookup found = lookup(request);
      if (found instanceof EncoderSource.Unavailable u) {
        return SenseOutcome.refused(SenseStatus.LOCAL_UNAVAILABLE, truncate(u.reason()));
      }
      local = ((EncoderSource.Found) found).encoder();
    }
    DeviceSpec spec = emulator.spec();
    SampleStore store = emulator.samples();
    ProcessingMode mode = request.processingMode().orElseThrow();
    int steps = store.sequenceLength();
    int dim = store.featureDim();

    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String id : request.sampleIds()) {
      (store.contains(id) ? known : unknown).add(id);
    }

    // eq. (1) per sample: every sample asked for is sensed in its own window (the BS models the same)
    SensingWindow window = SensingWindow.selected(spec.sensingRateBps(), request.sensingTimeS());
    double sensingS = request.sampleIds().size() * window.sensingTimeSeconds();
    double bitsPerSample;
    double flopsPerSample;
    if (mode == ProcessingMode.OFFLOAD) {
      bitsPerSample = window.dataBits();
      flopsPerSample = 0;
    } else {
      bitsPerSample = (double) BITS_PER_FLOAT * local.outputDim();
      flopsPerSample = local.flops(steps, dim);
    }
    DeviceProcessor cpu = spec.processor();
    double rate = rateBps((int) request.bandwidthUnits(), request.unitBandwidthHz(),
        emulator.channelNow().channelGainLinear());
    double perSampleS = cpu.seconds(flopsPerSample) + bitsPerSample / rate;

    // Samples go out one after the other once the windows close (see class javadoc).
    double budgetS = request.deadlineS() - sensingS;
    int inTime = 0;
    while (inTime < known.size() && (inTime + 1) * perSampleS <= budgetS * (1 + 1e-12)) {
      inTime++;
    }

    List<SensedSample> sent = new ArrayList<>(inTime);
    List<float[]> raws = new ArrayList<>(inTime);
    for (int i = 0; i < inTime; i++) {
      raws.add(store.features(known.get(i)).orElseThrow());
    }
    // LOCAL: the real encoder runs here (batched); its modelled time cycles / f_k is enacted below
    long encodeStart = emulator.clock().nanoTime();
    List<float[]> encoded = mode == ProcessingMode.LOCAL ? local.encodeAll(raws, steps, dim) : raws;
    double encodeWallS = mode == ProcessingMode.LOCAL
        ? Math.max(0, (emulator.clock().nanoTime() - encodeStart) / 1e9) : 0;
    for (int i = 0; i < inTime; i++) {
      SensedSample.Payload payload = mode == ProcessingMode.OFFLOAD
          ? new SensedSample.Raw(steps, dim, raws.get(i))
          : new SensedSample.Encoded(encoded.get(i));
      sent.add(new SensedSample(known.get(i), payload));
    }

    long bitsSent = Math.round(bitsPerSample * inTime);
    double commS = bitsSent / rate;
    double flops = flopsPerSample * inTime;
    double computeS = cpu.seconds(flops);
    double energyJ = spec.sensingPowerW() * sensingS + emulator.txPowerW() * commS + cpu.energyJ(flops);
    emulator.recordWork(energyJ, computeS);

    SenseStatus status = SenseStatus.OK;
    String message = "";
    if (inTime < known.size()) {
      status = SenseStatus.DEADLINE_EXCEEDED;
      message = "modelled time " + (sensingS + known.size() * perSampleS) + " s exceeds deadline_s "
          + request.deadlineS() + "; sent " + inTime + " of " + known.size() + " samples";
    } else if (!unknown.isEmpty()) {
      status = SenseStatus.UNKNOWN_SAMPLE;
      message = "unknown sample ids (" + unknown.size() + "): " + String.join(", ", unknown);
    }
    message = truncate(message);
    double wallDelayS = (sensingS + computeS + commS) * request.timeScaleFactor();
    return new SenseOutcome(status, message, sent, bitsSent, sensingS, commS, computeS, energyJ,
        wallDelayS, encodeWallS);
  }
}
