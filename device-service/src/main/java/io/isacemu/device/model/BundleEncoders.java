package io.isacemu.device.model;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.validation.Check;
import io.isacemu.device.sensing.EncoderSource;
import io.isacemu.device.sensing.LocalEncoder;
import io.isacemu.device.sensing.SensingService;
import io.isacemu.learning.ExpertRunner;
import io.isacemu.learning.ModelDescription;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained encoders of the model bundle a device-service process holds, shared by its devices.
 * A LOCAL command names a bundle version and an expert; {@link #forDevice} answers it with that
 * expert's encoder for the device's modality ({@link ExpertRunner#encode}: raw {@code T × d} → the
 * pooled {@code d_model} vector the expert's fusion head consumes, FLOPs per {@code
 * io.isacemu.learning.nn.Flops#encoder}) — or refuses when the device holds no bundle or another
 * version, so the BS falls back to OFFLOAD.
 *
 * <p>Thread-safe: encoding is serialised per bundle (DJL inference is not thread-safe); {@link
 * #install} swaps the bundle atomically and closes the old one once no encoding runs on it.
 */
public final class BundleEncoders implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BundleEncoders.class);

  private static final class Slot {
    final String version;
    final ExpertRunner runner;
    boolean closed;

    Slot(String version, ExpertRunner runner) {
      this.version = version;
      this.runner = runner;
    }
  }

  private final AtomicReference<Slot> current = new AtomicReference<>();

  /** Holds no bundle yet: every LOCAL command is refused until {@link #install}. */
  public BundleEncoders() {}

  /**
   * Loads the bundle directory (checksums and architecture verified by {@code ModelBundle.load})
   * and puts it in service as {@code version}; the previous bundle is closed.
   *
   * @param version registry version, 1..128 characters
   * @param bundleDir directory written by {@code ModelBundle.save}; may be deleted afterwards
   * @throws io.isacemu.learning.BundleException when the bundle is partial, corrupt or inconsistent
   *     (the previous bundle then stays in service)
   */
  public void install(String version, Path bundleDir) {
    Check.present("version", version);
    ExpertRunner runner = ExpertRunner.load(bundleDir);
    Slot old = current.getAndSet(new Slot(version, runner));
    log.info("model bundle {} installed for local encoding (experts {}){}", version,
        runner.description().expertNames(), old == null ? "" : ", replacing " + old.version);
    retire(old);
  }

  /** The version in service; empty before the first {@link #install}. */
  public Optional<String> version() {
    Slot s = current.get();
    return s == null ? Optional.empty() : Optional.of(s.version);
  }

  /**
   * The encoder source of one device.
   *
   * @param modality the device's modality
   * @param steps {@code T_m} of the device's samples (its own modality's length), ≥ 1
   * @param dim {@code d} of the device's samples, ≥ 1
   */
  public EncoderSource forDevice(Modality modality, int steps, int dim) {
    Check.present("modality", modality);
    Check.positive("steps", steps);
    Check.positive("dim", dim);
    return new EncoderSource() {
      @Override
      public Lookup lookup(String modelVersion, String expertName) {
        return BundleEncoders.this.lookup(modality, steps, dim, modelVersion, expertName);
      }

      @Override
      public Optional<String> version() {
        return BundleEncoders.this.version();
      }
    };
  }

  private EncoderSource.Lookup lookup(Modality m, int steps, int dim, String version, String expert) {
    Slot s = current.get();
    if (s == null) {
      return new EncoderSource.Unavailable(SensingService.NO_ENCODER_MESSAGE + " (no model bundle received)");
    }
    if (version.isEmpty() || expert.isEmpty()) {
      return new EncoderSource.Unavailable("local processing unavailable: the command must name model_version and"
          + " encoder_expert (got '" + version + "', '" + expert + "')");
    }
    if (!version.equals(s.version)) {
      return new EncoderSource.Unavailable("local processing unavailable: device holds model bundle '" + s.version
          + "', command asks for '" + version + "'");
    }
    int idx = s.runner.indexOf(expert);
    if (idx < 0) {
      return new EncoderSource.Unavailable("local processing unavailable: bundle '" + s.version + "' has no expert '"
          + expert + "' (experts " + s.runner.description().expertNames() + ")");
    }
    ModelDescription d = s.runner.description();
    if (!d.experts().get(idx).contains(m)) {
      return new EncoderSource.Unavailable("local processing unavailable: expert '" + expert + "' does not read "
          + m);
    }
    Integer modelDim = d.featureDims().get(m);
    Integer modelSteps = d.sequenceLengths().get(m);
    // the encoder was built for this modality's own T_m × d_m (unaligned data: not the other modalities')
    if (modelSteps == null || modelSteps != steps || modelDim == null || modelDim != dim) {
      return new EncoderSource.Unavailable("local processing unavailable: bundle '" + s.version + "' encodes "
          + modelSteps + " x " + modelDim + " " + m + " samples, the device's are " + steps + " x " + dim);
    }
    return new EncoderSource.Found(new Encoder(s, idx, m, s.runner.encodedWidth(idx, m),
        s.runner.encoderFlops(idx, m)));
  }

  /** One expert's encoder of one bundle; fails (INTERNAL on the wire) if the bundle was replaced meanwhile. */
  private record Encoder(Slot slot, int expert, Modality modality, int width, long flopsPerSample)
      implements LocalEncoder {

    @Override
    public float[] encode(float[] rawTxD, int steps, int dim) {
      return encodeAll(List.of(rawTxD), steps, dim).get(0);
    }

    @Override
    public List<float[]> encodeAll(List<float[]> rawTxD, int steps, int dim) {
      synchronized (slot) {
        if (slot.closed) {
          throw new IllegalStateException("model bundle " + slot.version + " was replaced during the command");
        }
        return Arrays.asList(slot.runner.encode(expert, modality, rawTxD));
      }
    }

    @Override
    public int outputDim() {
      return width;
    }

    @Override
    public double flops(int steps, int dim) {
      return flopsPerSample;
    }
  }

  private static void retire(Slot old) {
    if (old == null) {
      return;
    }
    synchronized (old) {
      old.closed = true;
      old.runner.close();
    }
  }

  @Override
  public void close() {
    retire(current.getAndSet(null));
  }
}
