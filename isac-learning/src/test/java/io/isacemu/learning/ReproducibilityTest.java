package io.isacemu.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training is reproducible on one machine: the same seeded job in two fresh JVMs (same thread
 * settings) writes parameter files with the same SHA-256 (another seed: other hashes). About 8–12 s
 * here (three child JVMs on two cores), so it runs in the fast tier. Two JVMs, not two runs in this one: a
 * second run here would share DJL's engine state and hide what a restart of the service changes.
 */
class ReproducibilityTest {

  @TempDir Path tmp;

  @Test
  void twoJvmsTrainTheSameParameters() throws Exception {
    Process a = child(tmp.resolve("a"), 7);
    Process b = child(tmp.resolve("b"), 7);
    Process other = child(tmp.resolve("c"), 8); // the control: the comparison can fail
    List<String> first = output(a);
    List<String> hashes = hashes(first);
    System.out.println("two-JVM reproducibility: " + hashes + "; " + first.get(first.size() - 1));
    assertThat(hashes).hasSize(3); // gate + two experts
    assertThat(hashes(output(b))).isEqualTo(hashes);
    assertThat(hashes(output(other))).doesNotContainAnyElementsOf(hashes);
    assertThat(first.stream().filter(l -> l.startsWith("engine ")).findFirst().orElseThrow())
        .contains("intraOpThreads=1", "interOpThreads=1");
  }

  private static List<String> hashes(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("sha256 ")).toList();
  }

  private static Process child(Path out, long seed) throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
    cmd.addAll(List.of(ReproducibleRun.class.getName(), out.toString(), Long.toString(seed)));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static List<String> output(Process p) throws Exception {
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isZero();
    return text.lines().toList();
  }
}
