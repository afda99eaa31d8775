package io.isacemu.training.registry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.isacemu.proto.BundleChunk;
import io.isacemu.proto.BundleInfo;
import io.isacemu.training.bundle.PublishedBundle;

/** The one place where registry domain values become protobuf messages. */
final class RegistryMapping {

  private RegistryMapping() {}

  static BundleInfo toProto(PublishedBundle b) {
    return BundleInfo.newBuilder()
        .setVersion(b.version())
        .setCreatedAt(
            Timestamp.newBuilder()
                .setSeconds(b.createdAt().getEpochSecond())
                .setNanos(b.createdAt().getNano()))
        .setSizeBytes(b.sizeBytes())
        .setSha256Hex(b.sha256Hex())
        .setPreset(b.preset())
        .addAllExpertNames(b.expertNames())
        .setMetadataJson(b.metadataJson())
        .build();
  }

  static BundleChunk chunk(String version, long offsetBytes, byte[] data, int length) {
    return BundleChunk.newBuilder()
        .setVersion(version)
        .setOffsetBytes(offsetBytes)
        .setData(ByteString.copyFrom(data, 0, length))
        .build();
  }

  static BundleChunk lastChunk(String version, long offsetBytes, byte[] data, int length, String sha256Hex) {
    return chunk(version, offsetBytes, data, length).toBuilder().setLast(true).setSha256Hex(sha256Hex).build();
  }
}
