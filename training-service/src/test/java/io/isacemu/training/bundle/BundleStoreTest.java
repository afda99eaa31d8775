package io.isacemu.training.bundle;

import io.isacemu.core.digest.Sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.training.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleStoreTest {

  @TempDir Path dir;

  private BundleStore open() {
    return new BundleStore(dir, TestSupport.tickingClock(), TestSupport.json());
  }

  private PublishedBundle publish(BundleStore store, String version) throws Exception {
    Path work = store.newWorkDir("t");
    Files.writeString(work.resolve("gate.params"), "weights of " + version);
    return store.publish(work, version, "demo", List.of("T", "V+A+T"), Map.of("jobId", 1));
  }

  @Test
  void publishesAtomicallyWithChecksumAndManifest() throws Exception {
    BundleStore store = open();
    List<PublishedBundle> announced = new ArrayList<>();
    store.subscribe(b -> {
      // announced only once complete: the archive is in place and matches its checksum
      assertThat(Files.exists(b.archive())).isTrue();
      try {
        assertThat(Sha256.hexOf(b.archive())).isEqualTo(b.sha256Hex());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      announced.add(b);
    });
    PublishedBundle b = publish(store, "v1");

    assertThat(announced).containsExactly(b);
    assertThat(store.latest()).contains(b);
    assertThat(Files.readString(dir.resolve("v1.sha256"))).isEqualTo(b.sha256Hex() + "  v1.zip\n");
    try (ZipFile zf = new ZipFile(b.archive().toFile())) {
      assertThat(zf.getEntry(BundleStore.MANIFEST)).isNotNull();
      assertThat(zf.getEntry("gate.params")).isNotNull();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("v1.zip", "v1.sha256");
    }
    assertThatThrownBy(() -> publish(store, "v1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void partiallyWrittenBundleIsNeverListedAndIsCleanedOnRestart() throws Exception {
    BundleStore store = open();
    Path work = store.newWorkDir("job9");
    Files.writeString(work.resolve("gate.params"), "half");
    Files.writeString(dir.resolve(".v9.zip.tmp"), "half an archive");
    Files.writeString(dir.resolve(".v9.sha256.tmp"), "abc");

    assertThat(store.list()).isEmpty();
    assertThat(store.latest()).isEmpty();
    assertThat(open().list()).isEmpty();
    assertThat(Files.exists(work)).isFalse();
    assertThat(Files.exists(dir.resolve(".v9.zip.tmp"))).isFalse();
  }

  @Test
  void restartReindexesVerifiedBundlesAndSkipsCorruptOnes() throws Exception {
    BundleStore store = open();
    PublishedBundle good = publish(store, "v1");
    PublishedBundle bad = publish(store, "v2");
    publish(store, "v3");
    byte[] bytes = Files.readAllBytes(bad.archive());
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(bad.archive(), bytes);
    Files.delete(dir.resolve("v3.sha256")); // archive without its checksum

    BundleStore reopened = open();
    assertThat(reopened.list()).extracting(PublishedBundle::version).containsExactly("v1");
    PublishedBundle again = reopened.find("v1").orElseThrow();
    assertThat(again.sha256Hex()).isEqualTo(good.sha256Hex());
    assertThat(again.createdAt()).isEqualTo(good.createdAt());
    assertThat(again.expertNames()).containsExactly("T", "V+A+T");
    assertThat(again.preset()).isEqualTo("demo");
    assertThat(again.metadataJson()).contains("\"jobId\":1");
  }

  @Test
  void latestIsTheNewest() throws Exception {
    BundleStore store = open();
    publish(store, "20250101T000000000Z-job1");
    PublishedBundle second = publish(store, "20250101T000001000Z-job2");
    assertThat(store.latest()).contains(second);
    assertThat(store.list()).last().isEqualTo(second);
  }

  @Test
  void rejectsInvalidVersion() {
    BundleStore store = open();
    assertThatThrownBy(() -> publish(store, "../evil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version: '../evil'");
  }
}
