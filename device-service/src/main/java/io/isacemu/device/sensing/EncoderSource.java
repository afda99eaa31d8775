package io.isacemu.device.sensing;

import io.isacemu.core.validation.Check;
import java.util.Optional;

/**
 * Where a device finds the encoder for a {@code PROCESSING_MODE_LOCAL} command: the command names
 * the model bundle version and the expert whose encoder (for the device's modality) must run, so
 * that the BS can feed the encoded vector into exactly that expert. Implementations must be
 * thread-safe (the devices of one process share one source).
 */
public interface EncoderSource {

  /**
   * The encoder for a LOCAL command, or why there is none.
   *
   * @param modelVersion bundle version the command asks for (may be empty when the BS did not say)
   * @param expertName expert name, e.g. {@code V+A+T} (may be empty when the BS did not say)
   * @return the encoder, or the reason the device cannot process locally
   */
  Lookup lookup(String modelVersion, String expertName);

  /** The version of the bundle the device holds; empty when it holds none. */
  Optional<String> version();

  /** Outcome of {@link #lookup}. */
  sealed interface Lookup permits Found, Unavailable {}

  /** @param encoder the encoder to run */
  record Found(LocalEncoder encoder) implements Lookup {
    public Found {
      Check.present("encoder", encoder);
    }
  }

  /** @param reason why LOCAL cannot run, 1..1024 characters, for the SenseResult's error message */
  record Unavailable(String reason) implements Lookup {
    public Unavailable {
      Check.present("reason", reason);
    }
  }

  /** No encoder at all: every LOCAL command is unavailable. */
  static EncoderSource none() {
    return new EncoderSource() {
      @Override
      public Lookup lookup(String modelVersion, String expertName) {
        return new Unavailable(SensingService.NO_ENCODER_MESSAGE);
      }

      @Override
      public Optional<String> version() {
        return Optional.empty();
      }
    };
  }

  /**
   * One encoder not tied to a bundle (a device with a built-in encoder, or a test double): serves
   * every LOCAL command whatever version and expert it names.
   */
  static EncoderSource fixed(LocalEncoder encoder) {
    Found found = new Found(encoder);
    return new EncoderSource() {
      @Override
      public Lookup lookup(String modelVersion, String expertName) {
        return found;
      }

      @Override
      public Optional<String> version() {
        return Optional.empty();
      }
    };
  }
}
