package io.isacemu.bs.model;

import io.isacemu.proto.BundleArchive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArchiveTest {

  @TempDir Path tmp;

  private static byte[] zip(String... names) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (String n : names) {
        z.putNextEntry(new ZipEntry(n));
        z.write(n.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return b.toByteArray();
  }

  @Test
  void findsTheBundleDirectoryAtTheRootOrNested() throws IOException {
    Path root = Files.createDirectory(tmp.resolve("a"));
    assertThat(BundleArchive.unpack(zip("bundle-manifest.json", "MANIFEST.sha256", "gate.params"), root)).isEqualTo(root);
    Path nested = Files.createDirectory(tmp.resolve("b"));
    assertThat(BundleArchive.unpack(zip("bundle-manifest.json", "model/MANIFEST.sha256"), nested))
        .isEqualTo(nested.resolve("model"));
  }

  @Test
  void refusesZipSlipEmptyArchivesAndArchivesWithoutABundle() throws IOException {
    Path r1 = Files.createDirectory(tmp.resolve("c"));
    assertThatThrownBy(() -> BundleArchive.unpack(zip("../evil", "MANIFEST.sha256"), r1)).hasMessageContaining("escapes");
    Path r2 = Files.createDirectory(tmp.resolve("d"));
    assertThatThrownBy(() -> BundleArchive.unpack(new byte[] {1, 2, 3}, r2)).hasMessageContaining("empty or not a zip");
    Path r3 = Files.createDirectory(tmp.resolve("e"));
    assertThatThrownBy(() -> BundleArchive.unpack(zip("bundle-manifest.json"), r3)).hasMessageContaining("0 model bundles");
  }
}
