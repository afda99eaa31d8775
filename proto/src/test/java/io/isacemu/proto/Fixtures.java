package io.isacemu.proto;

import java.util.SplittableRandom;

/** Seeded test data shaped like the platform's (CMU-MOSEI video: T = 50 steps, d = 35). */
final class Fixtures {
  static final int VIDEO_STEPS = 50;
  static final int VIDEO_DIM = 35;

  private Fixtures() {}

  /** One OFFLOAD video sample of T x d seeded floats. */
  static SampleResult rawVideoSample(String id, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RawFeatures.Builder raw = RawFeatures.newBuilder().setSteps(VIDEO_STEPS).setDim(VIDEO_DIM);
    for (int i = 0; i < VIDEO_STEPS * VIDEO_DIM; i++) {
      raw.addValues((float) random.nextGaussian());
    }
    return SampleResult.newBuilder().setSampleId(id).setRaw(raw).build();
  }

  /** A complete OFFLOAD answer with {@code samples} video samples and all summary fields set. */
  static SenseResult wholeVideoResult(String taskId, long commandId, int samples) {
    SenseResult.Builder result = SenseResult.newBuilder()
        .setTaskId(taskId)
        .setCommandId(commandId)
        .setLastChunk(true)
        .setStatus(SenseStatus.SENSE_STATUS_OK)
        .setBitsSent(8L * samples * VIDEO_STEPS * VIDEO_DIM * Float.BYTES)
        .setSensingS(0.5)
        .setCommS(0.031)
        .setComputeS(0.0)
        .setWallS(0.002)
        .setEnergyJ(0.0125);
    for (int i = 0; i < samples; i++) {
      result.addSamples(rawVideoSample("video-" + i, 1000L + i));
    }
    return result.build();
  }
}
