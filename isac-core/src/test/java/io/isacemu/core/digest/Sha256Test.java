package io.isacemu.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

  // FIPS 180-4 example "abc"
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hexOfBytesAndOfAFileAgreeWithTheStandardVector(@TempDir Path dir) throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Sha256.hex(abc)).isEqualTo(ABC);
    Path f = Files.write(dir.resolve("abc"), abc);
    assertThat(Sha256.hexOf(f)).isEqualTo(ABC);
  }

  @Test
  void aFileLongerThanOneBlockIsReadWhole(@TempDir Path dir) throws Exception {
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    assertThat(Sha256.hexOf(Files.write(dir.resolve("big"), big))).isEqualTo(Sha256.hex(big));
  }
}
