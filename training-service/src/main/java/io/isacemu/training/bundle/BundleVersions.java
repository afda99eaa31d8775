package io.isacemu.training.bundle;

import io.isacemu.core.validation.InvalidFieldException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Bundle version strings: {@code yyyyMMdd'T'HHmmssSSS'Z'-<job id>}, sortable by creation time. */
public final class BundleVersions {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private BundleVersions() {}

  /** The version of a bundle completed at {@code at} by job {@code jobId} (≥ 1). */
  public static String of(Instant at, long jobId) {
    return STAMP.format(at) + "-job" + jobId;
  }

  /** Whether {@code version} is 1..128 characters of {@code [A-Za-z0-9._-]}. */
  public static boolean isValid(String version) {
    return version != null && VALID.matcher(version).matches();
  }

  /** Returns {@code version} if valid; otherwise throws naming the value. */
  public static String requireValid(String version) {
    if (!isValid(version)) {
      throw InvalidFieldException.rejected(
          "version", version, "must be 1..128 characters of [A-Za-z0-9._-]");
    }
    return version;
  }
}
