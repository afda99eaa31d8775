package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import io.isacemu.bs.dataset.DatasetCatalog;
import io.isacemu.core.modality.Modality;
import io.isacemu.core.uplink.RadioSettings;
import io.isacemu.proto.RadioAssumptions;
import io.isacemu.proto.Register;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a Register against device.proto's ranges, the BS's dataset and the configured tokens.
 * Pure: returns the refusal reason, never throws for bad input.
 */
final class RegisterValidator {

  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final DatasetCatalog dataset;
  private final DeviceTokens tokens;
  private final BsProperties.Plausibility plausibility;
  private final java.util.function.Supplier<RadioSettings> radioNow;

  /** @param radio the cell's settings in force (they change between tasks, {@code PUT /api/cell}) */
  RegisterValidator(DatasetCatalog dataset, BsProperties.Auth auth, BsProperties.Plausibility plausibility,
      java.util.function.Supplier<RadioSettings> radio) {
    this.dataset = dataset;
    this.tokens = new DeviceTokens(auth);
    this.plausibility = plausibility;
    this.radioNow = radio;
  }

  /** Why a device assuming {@code a} would account differently from this BS; empty when it agrees. */
  private Optional<String> radioRefusal(RadioAssumptions a) {
    RadioSettings radio = radioNow.get();
    RadioSettings device;
    try {
      device = new RadioSettings(radio.totalBandwidthHz(), a.getUnitBandwidthHz(), a.getNoiseFigureDb(),
          (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(a.getBsAntennas())));
    } catch (IllegalArgumentException e) {
      return Optional.of("radio: " + e.getMessage());
    }
    return radio.disagreement(device);
  }

  /** The reason to refuse {@code r}, or empty when it is acceptable (duplicates are checked elsewhere). */
  Optional<String> refusal(Register r) {
    if (!DEVICE_ID.matcher(r.getDeviceId()).matches()) {
      return Optional.of("device_id: '" + abbreviate(r.getDeviceId()) + "' must be 1..128 characters of [A-Za-z0-9._-]");
    }
    Optional<String> badToken = tokens.refusal(r.getDeviceId(), r.getAuthToken());
    if (badToken.isPresent()) {
      return badToken;
    }
    Optional<Modality> modality = BsProtos.modality(r.getModality());
    if (modality.isEmpty()) {
      return Optional.of("modality: " + r.getModality() + " is not a known modality");
    }
    Optional<Integer> dim = dataset.featureDim(modality.get());
    if (dim.isEmpty()) {
      return Optional.of("modality: " + modality.get() + " is not part of the BS's dataset");
    }
    if (!(r.getSensingRateBps() > 0) || !Double.isFinite(r.getSensingRateBps())) {
      return Optional.of("sensing_rate_bps: " + r.getSensingRateBps() + " must be finite and > 0");
    }
    if (!Double.isFinite(r.getTxPowerDbm()) || r.getTxPowerDbm() < -50 || r.getTxPowerDbm() > 50) {
      return Optional.of("tx_power_dbm: " + r.getTxPowerDbm() + " must be finite and in [-50, 50]");
    }
    if (!(r.getCpuHz() > 0) || !Double.isFinite(r.getCpuHz())) {
      return Optional.of("cpu_hz: " + r.getCpuHz() + " must be finite and > 0");
    }
    if (!(r.getFlopsPerCycle() >= 0 && r.getFlopsPerCycle() <= 1024)) {
      return Optional.of("flops_per_cycle: " + r.getFlopsPerCycle() + " must be 0 (not advertised) or in (0, 1024]");
    }
    double distanceM = Math.hypot(r.getPosition().getXM(), r.getPosition().getYM());
    double maxM = plausibility.cellRadiusM() + plausibility.positionMarginM();
    if (!(distanceM <= maxM)) {
      return Optional.of("position: (" + r.getPosition().getXM() + ", " + r.getPosition().getYM() + ") must be finite and"
          + " within " + maxM + " m of the BS (cell radius + margin)");
    }
    if (r.getFeatureDim() != dim.get()) {
      return Optional.of("feature_dim: " + Integer.toUnsignedString(r.getFeatureDim()) + " but the dataset's "
          + modality.get() + " has " + dim.get());
    }
    int steps = dataset.sequenceLength(modality.get()).orElseThrow();
    if (r.getSequenceLength() != steps) {
      return Optional.of("sequence_length: " + Integer.toUnsignedString(r.getSequenceLength())
          + " but the dataset's " + modality.get() + " has " + steps);
    }
    if (!dataset.fingerprint().equals(r.getDatasetFingerprint())) {
      return Optional.of("dataset_fingerprint: '" + abbreviate(r.getDatasetFingerprint())
          + "' differs from the BS's dataset " + dataset.fingerprint());
    }
    if (r.hasRadio()) {
      Optional<String> radioRefusal = radioRefusal(r.getRadio());
      if (radioRefusal.isPresent()) {
        return radioRefusal;
      }
    }
    if (r.getSoftwareVersion().isEmpty() || r.getSoftwareVersion().length() > 64) {
      return Optional.of("software_version: '" + abbreviate(r.getSoftwareVersion()) + "' must be 1..64 characters");
    }
    return Optional.empty();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
