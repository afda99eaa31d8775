package io.isacemu.bs.registry;

import io.isacemu.core.modality.Modality;
import java.util.Optional;

/** Mapping between the wire enums and the core's types. */
public final class BsProtos {

  private BsProtos() {}

  /** The core modality of a wire modality; empty for UNSPECIFIED or an unknown value. */
  public static Optional<Modality> modality(io.isacemu.proto.Modality m) {
    return switch (m) {
      case MODALITY_VIDEO -> Optional.of(Modality.VIDEO);
      case MODALITY_AUDIO -> Optional.of(Modality.AUDIO);
      case MODALITY_TEXT -> Optional.of(Modality.TEXT);
      default -> Optional.empty();
    };
  }

  /** The wire modality of a core modality. */
  public static io.isacemu.proto.Modality wire(Modality m) {
    return switch (m) {
      case VIDEO -> io.isacemu.proto.Modality.MODALITY_VIDEO;
      case AUDIO -> io.isacemu.proto.Modality.MODALITY_AUDIO;
      case TEXT -> io.isacemu.proto.Modality.MODALITY_TEXT;
    };
  }
}
