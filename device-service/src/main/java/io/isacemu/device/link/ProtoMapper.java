package io.isacemu.device.link;

import com.google.protobuf.Timestamp;
import io.isacemu.core.compute.ProcessingMode;
import io.isacemu.core.modality.Modality;
import io.isacemu.device.emulator.DeviceEmulator;
import io.isacemu.device.emulator.DeviceSnapshot;
import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.emulator.SampleStore;
import io.isacemu.device.sensing.SenseOutcome;
import io.isacemu.device.sensing.SenseRequest;
import io.isacemu.device.sensing.SenseStatus;
import io.isacemu.device.sensing.SensedSample;
import io.isacemu.proto.EncodedFeatures;
import io.isacemu.proto.RawFeatures;
import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.proto.RadioAssumptions;
import io.isacemu.proto.Register;
import io.isacemu.proto.SampleResult;
import io.isacemu.proto.SenseCommand;
import io.isacemu.proto.SenseResult;
import io.isacemu.proto.StateReport;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place where device-link protobuf messages and the device's domain types meet, in both
 * directions. Stateless.
 */
public final class ProtoMapper {

  private ProtoMapper() {}

  /** Register for a device, with its current position, software version and radio settings. */
  public static Register register(DeviceEmulator emulator, DeviceSnapshot now, LinkSettings settings) {
    RadioSettings radio = settings.radio();
    DeviceSpec spec = emulator.spec();
    SampleStore samples = emulator.samples();
    return Register.newBuilder()
        .setDeviceId(spec.deviceId())
        .setModality(modality(spec.modality()))
        .setSensingRateBps(spec.sensingRateBps())
        .setTxPowerDbm(spec.txPowerDbm())
        .setCpuHz(spec.processor().cpuHz())
        .setFlopsPerCycle(spec.processor().flopsPerCycle())
        .setPosition(position(now.position()))
        .setFeatureDim(samples.featureDim())
        .setSequenceLength(samples.sequenceLength())
        .setDatasetFingerprint(samples.fingerprint())
        .setSoftwareVersion(settings.softwareVersion())
        .setRadio(RadioAssumptions.newBuilder().setUnitBandwidthHz(radio.unitBandwidthHz())
            .setNoiseFigureDb(radio.noiseFigureDb()).setBsAntennas(radio.bsAntennas()))
        .setAuthToken(spec.authToken())
        .build();
  }

  /**
   * StateReport of a snapshot. {@code snr_db} is {@code P_k h_k / σ²(B_min)} over ONE bandwidth
   * unit without array gain (the device does not know its next allocation).
   *
   * @param sequenceNumber per-session counter, ≥ 1
   * @param sessionStartS emulated time at registration, s; the report carries time since then
   * @param measuredAt wall-clock instant of the snapshot
   */
  public static StateReport stateReport(
      DeviceSnapshot snapshot, long sequenceNumber, double sessionStartS, Instant measuredAt) {
    return StateReport.newBuilder()
        .setSequenceNumber(sequenceNumber)
        .setMeasuredAt(timestamp(measuredAt))
        .setEmulatedTimeS(Math.max(0, snapshot.emulatedTimeS() - sessionStartS))
        .setChannelGainDb(snapshot.channel().channelGainDb())
        .setSnrDb(snapshot.snrPerUnitDb())
        .setTxPowerDbm(snapshot.txPowerDbm())
        .setCpuLoad(snapshot.cpuLoad())
        .setEnergyUsedJ(snapshot.energyUsedJ())
        .setPosition(position(snapshot.position()))
        .setSpeedMps(snapshot.channel().speedMps())
        .setLos(snapshot.channel().los())
        .build();
  }

  /** The domain request of a command; unknown enum values become an empty processing mode. */
  public static SenseRequest senseRequest(SenseCommand command) {
    Optional<ProcessingMode> mode = switch (command.getProcessingMode()) {
      case PROCESSING_MODE_LOCAL -> Optional.of(ProcessingMode.LOCAL);
      case PROCESSING_MODE_OFFLOAD -> Optional.of(ProcessingMode.OFFLOAD);
      case PROCESSING_MODE_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
    };
    return new SenseRequest(
        command.getTaskId(),
        command.getCommandId(),
        command.getSampleIdsList(),
        command.getSensingTimeS(),
        Integer.toUnsignedLong(command.getBandwidthUnits()),
        command.getUnitBandwidthHz(),
        mode,
        command.getDeadlineS(),
        command.getTimeScaleFactor(),
        command.getModelVersion(),
        command.getEncoderExpert());
  }

  /**
   * The complete (unchunked) answer to a command.
   *
   * @param wallS measured wall seconds from receipt to sending, ≥ 0
   */
  public static SenseResult senseResult(
      String taskId, long commandId, SenseOutcome outcome, double wallS) {
    SenseResult.Builder b = SenseResult.newBuilder()
        .setTaskId(taskId)
        .setCommandId(commandId)
        .setChunkIndex(0)
        .setLastChunk(true)
        .setStatus(status(outcome.status()))
        .setErrorMessage(outcome.errorMessage())
        .setBitsSent(outcome.bitsSent())
        .setSensingS(outcome.sensingS())
        .setCommS(outcome.commS())
        .setComputeS(outcome.computeS())
        .setWallS(Math.max(0, wallS))
        .setEnergyJ(outcome.energyJ())
        .setEncodeWallS(outcome.encodeWallS());
    for (SensedSample sample : outcome.samples()) {
      b.addSamples(sample(sample));
    }
    return b.build();
  }

  private static SampleResult sample(SensedSample sample) {
    SampleResult.Builder b = SampleResult.newBuilder().setSampleId(sample.sampleId());
    if (sample.payload() instanceof SensedSample.Raw raw) {
      RawFeatures.Builder f = RawFeatures.newBuilder().setSteps(raw.steps()).setDim(raw.dim());
      for (float v : raw.values()) {
        f.addValues(v);
      }
      b.setRaw(f);
    } else if (sample.payload() instanceof SensedSample.Encoded encoded) {
      EncodedFeatures.Builder f = EncodedFeatures.newBuilder();
      for (float v : encoded.values()) {
        f.addValues(v);
      }
      b.setEncoded(f);
    }
    return b.build();
  }

  /** Domain → wire modality. */
  public static io.isacemu.proto.Modality modality(Modality modality) {
    return switch (modality) {
      case VIDEO -> io.isacemu.proto.Modality.MODALITY_VIDEO;
      case AUDIO -> io.isacemu.proto.Modality.MODALITY_AUDIO;
      case TEXT -> io.isacemu.proto.Modality.MODALITY_TEXT;
    };
  }

  /** Domain → wire status. */
  public static io.isacemu.proto.SenseStatus status(SenseStatus status) {
    return switch (status) {
      case OK -> io.isacemu.proto.SenseStatus.SENSE_STATUS_OK;
      case INVALID_COMMAND -> io.isacemu.proto.SenseStatus.SENSE_STATUS_INVALID_COMMAND;
      case UNKNOWN_SAMPLE -> io.isacemu.proto.SenseStatus.SENSE_STATUS_UNKNOWN_SAMPLE;
      case DEADLINE_EXCEEDED -> io.isacemu.proto.SenseStatus.SENSE_STATUS_DEADLINE_EXCEEDED;
      case BUSY -> io.isacemu.proto.SenseStatus.SENSE_STATUS_BUSY;
      case INTERNAL -> io.isacemu.proto.SenseStatus.SENSE_STATUS_INTERNAL;
      case LOCAL_UNAVAILABLE -> io.isacemu.proto.SenseStatus.SENSE_STATUS_LOCAL_UNAVAILABLE;
    };
  }

  static io.isacemu.proto.Position position(io.isacemu.core.mobility.Position p) {
    return io.isacemu.proto.Position.newBuilder().setXM(p.xM()).setYM(p.yM()).build();
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano())
        .build();
  }
}
