package io.isacemu.bs.registry;

import io.isacemu.bs.BsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose token a Register must present: the id's entry in {@code isac.bs.auth.device-tokens}, else
 * the file named by the id in {@code isac.bs.auth.device-tokens-dir} (one per device: a k8s Secret
 * mounted as a volume, or the compose secrets volume), else the shared token. Compared in constant
 * time. The directory is read at each Register (a rotated Secret applies at once); the id is
 * checked against device.proto's {@code [A-Za-z0-9._-]{1,128}} before, so it cannot name a path
 * outside the directory. The refusal reason never echoes a token.
 */
final class DeviceTokens {

  private static final Logger log = LoggerFactory.getLogger(DeviceTokens.class);
  /** A token file larger than this is not a token (a mis-mounted volume); bytes. */
  private static final int MAX_TOKEN_BYTES = 1024;

  private final BsProperties.Auth auth;
  private final Optional<Path> dir;

  DeviceTokens(BsProperties.Auth auth) {
    this.auth = auth;
    this.dir = auth.deviceTokensDir().isEmpty() ? Optional.empty() : Optional.of(Path.of(auth.deviceTokensDir()));
  }

  /** Why {@code deviceId} presenting {@code token} is refused; empty when it may register. */
  Optional<String> refusal(String deviceId, String token) {
    if (!auth.enabled()) {
      return Optional.empty();
    }
    Optional<String> own = own(deviceId);
    if (own.isPresent()) {
      return equal(own.get(), token) ? Optional.empty()
          : Optional.of("auth_token: refused for device " + deviceId + " (not the token of this id)");
    }
    if (!auth.sharedToken().isBlank()) {
      return equal(auth.sharedToken(), token) ? Optional.empty()
          : Optional.of("auth_token: refused for device " + deviceId + " (not the shared token)");
    }
    return Optional.of("auth_token: refused for device " + deviceId + ": the BS holds no token for this id"
        + dir.map(d -> " (no file " + d.resolve(deviceId) + ")").orElse(""));
  }

  private Optional<String> own(String deviceId) {
    String mapped = auth.deviceTokens().get(deviceId);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    if (dir.isEmpty() || deviceId.startsWith(".")) {
      return Optional.empty(); // ".", ".." and dot-files (k8s's ..data links) are never device ids
    }
    Path file = dir.get().resolve(deviceId);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_TOKEN_BYTES + 1);
      if (bytes.length > MAX_TOKEN_BYTES) {
        log.warn("token file {} is over {} bytes: not used", file, MAX_TOKEN_BYTES);
        return Optional.empty();
      }
      String t = new String(bytes, StandardCharsets.UTF_8).strip();
      return t.isEmpty() ? Optional.empty() : Optional.of(t);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("token file {} unreadable: {}", file, e.toString());
      return Optional.empty();
    }
  }

  private static boolean equal(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
