package io.isacemu.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files: absent until saved, replaced whole by each save, no temporary left, plain names only. */
class FileTrainingCheckpointsTest {

  @TempDir Path dir;

  @Test
  void eachSaveReplacesTheCheckpointWholeAndLeavesNoTemporaryFile() throws Exception {
    FileTrainingCheckpoints c = new FileTrainingCheckpoints(dir.resolve("job1"));
    assertThat(c.load("expert-0-T")).isEmpty();
    c.save("expert-0-T", new byte[] {1, 2, 3});
    c.save("expert-0-T", new byte[] {4, 5});
    c.save("expert-1-V_A_T", new byte[] {6});
    assertThat(c.load("expert-0-T")).hasValueSatisfying(b -> assertThat(b).containsExactly(4, 5));
    assertThat(new FileTrainingCheckpoints(dir.resolve("job1")).load("expert-1-V_A_T"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(6)); // what a restarted service reads
    try (Stream<Path> files = Files.list(dir.resolve("job1"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
          "expert-0-T.ckpt", "expert-1-V_A_T.ckpt");
    }
  }

  @Test
  void aKeyThatIsNotAPlainFileNameIsRefused() {
    FileTrainingCheckpoints c = new FileTrainingCheckpoints(dir);
    assertThatThrownBy(() -> c.save("../escape", new byte[1])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a plain file name");
    assertThatThrownBy(() -> c.load("V+A+T")).isInstanceOf(IllegalArgumentException.class);
  }
}
