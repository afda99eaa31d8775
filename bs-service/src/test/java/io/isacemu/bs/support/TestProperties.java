package io.isacemu.bs.support;

import io.isacemu.bs.BsProperties;

/** Properties for registry tests: report period 100 ms, LOST after 3 periods, 64 KiB messages. */
public final class TestProperties {

  private TestProperties() {}

  public static BsProperties with(BsProperties.Auth auth) {
    return with(auth, 2000);
  }

  /** As {@link #with(BsProperties.Auth)} with another deadline grace, wall ms. */
  public static BsProperties with(BsProperties.Auth auth, long graceMs) {
    return with(auth, graceMs, 0);
  }

  /** As {@link #with(BsProperties.Auth, long)} with an attach grace before LOST, ms. */
  public static BsProperties with(BsProperties.Auth auth, long graceMs, long attachGraceMs) {
    var d = TestBundle.DATASET;
    return new BsProperties(0, "", "", "key", auth, 100, 3, attachGraceMs, 65536, 0.1, 0.0, graceMs, 10.0, 1, 100, 0.1,
        new BsProperties.Radio(20e6, 180e3, 9.0, 4), new BsProperties.Mec(20e9, 16),
        io.isacemu.data.DatasetSettings.synthetic(d), BsProperties.Processing.AUTO, BsProperties.Limits.DEFAULTS,
        BsProperties.Plausibility.DEFAULTS, BsProperties.Storage.NONE);
  }

  /** {@code p} keeping its last bundle under {@code bundleCacheDir}. */
  public static BsProperties withBundleCache(BsProperties p, java.nio.file.Path bundleCacheDir) {
    return new BsProperties(p.grpcPort(), p.grpcInProcessName(), p.registryTarget(), p.apiKey(), p.auth(),
        p.reportPeriodMs(), p.lostAfterReports(), p.attachGraceMs(), p.maxMessageBytes(), p.sensingSeconds(),
        p.timeScaleFactor(), p.deadlineGraceMs(), p.defaultDeadlineSeconds(), p.taskThreads(), p.taskHistory(),
        p.sensingPowerW(), p.radio(), p.mec(), p.dataset(), p.processing(), p.limits(), p.plausibility(),
        new BsProperties.Storage(bundleCacheDir.toString()));
  }

  /** {@code p} with other {@link BsProperties.Limits}. */
  public static BsProperties withLimits(BsProperties p, BsProperties.Limits limits) {
    return new BsProperties(p.grpcPort(), p.grpcInProcessName(), p.registryTarget(), p.apiKey(), p.auth(),
        p.reportPeriodMs(), p.lostAfterReports(), p.attachGraceMs(), p.maxMessageBytes(), p.sensingSeconds(),
        p.timeScaleFactor(), p.deadlineGraceMs(), p.defaultDeadlineSeconds(), p.taskThreads(), p.taskHistory(),
        p.sensingPowerW(), p.radio(), p.mec(), p.dataset(), p.processing(), limits, p.plausibility(), p.storage());
  }
}
