package io.isacemu.bs.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.bs.BsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-device tokens from a directory (a mounted Secret): one file per id, read at each Register. */
class DeviceTokensTest {

  @TempDir Path dir;

  private DeviceTokens tokens(String shared) {
    return new DeviceTokens(new BsProperties.Auth(shared, Map.of("pinned", "from-map"), dir.toString()));
  }

  @Test
  void eachIdMustPresentItsOwnTokenFromItsFile() throws Exception {
    Files.writeString(dir.resolve("device-0"), "tok-0\n");
    Files.writeString(dir.resolve("device-1"), "tok-1");
    DeviceTokens t = tokens("");
    assertThat(t.refusal("device-0", "tok-0")).isEmpty();
    assertThat(t.refusal("device-1", "tok-1")).isEmpty();
    // another device's token does not open this id
    assertThat(t.refusal("device-1", "tok-0")).get().asString()
        .startsWith("auth_token: refused for device device-1").doesNotContain("tok-");
    assertThat(t.refusal("pinned", "from-map")).isEmpty();
  }

  @Test
  void anIdWithoutAFileIsRefusedNamingTheFileUnlessTheSharedTokenIsGiven() {
    assertThat(tokens("").refusal("device-7", "anything")).get().asString()
        .contains("the BS holds no token for this id").contains(dir.resolve("device-7").toString());
    DeviceTokens withShared = tokens("shared-secret");
    assertThat(withShared.refusal("device-7", "shared-secret")).isEmpty();
    assertThat(withShared.refusal("device-7", "guess")).get().asString().contains("not the shared token");
  }

  @Test
  void aRotatedTokenAppliesAtTheNextRegister() throws Exception {
    Files.writeString(dir.resolve("device-0"), "old");
    DeviceTokens t = tokens("");
    assertThat(t.refusal("device-0", "old")).isEmpty();
    Files.writeString(dir.resolve("device-0"), "new");
    assertThat(t.refusal("device-0", "old")).isPresent();
    assertThat(t.refusal("device-0", "new")).isEmpty();
  }

  @Test
  void dotNamesEmptyAndOversizedFilesAreNeverTokens() throws Exception {
    // a k8s Secret volume holds ..data and ..<timestamp> links beside the keys
    Files.writeString(dir.resolve("..data"), "x");
    Files.writeString(dir.resolve("empty"), "  \n");
    Files.writeString(dir.resolve("huge"), "y".repeat(2000));
    DeviceTokens t = tokens("");
    assertThat(t.refusal("..data", "x")).isPresent();
    assertThat(t.refusal("empty", "")).isPresent();
    assertThat(t.refusal("huge", "y".repeat(2000))).isPresent();
  }

  @Test
  void nothingConfiguredMeansNoAuthentication() {
    assertThat(new DeviceTokens(new BsProperties.Auth("", Map.of())).refusal("any", "")).isEmpty();
    assertThat(new BsProperties.Auth("", Map.of(), dir.toString()).enabled()).isTrue();
  }
}
