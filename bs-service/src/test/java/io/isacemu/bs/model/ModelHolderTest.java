package io.isacemu.bs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.isacemu.core.modality.ModalitySet;
import io.isacemu.data.MultimodalSplit;
import io.isacemu.learning.GateFeatures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ModelHolderTest {

  static final class Stub implements ServingModel {
    final String version;
    final AtomicBoolean closed = new AtomicBoolean();

    Stub(String version) {
      this.version = version;
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public List<ModalitySet> experts() {
      return List.of(ModalitySet.parse("T"));
    }

    @Override
    public ModalitySet gateInputs() {
      return ModalitySet.parse("T");
    }

    @Override
    public int networkStateDim() {
      return 0;
    }

    @Override
    public long expertFlops(int i) {
      return 0;
    }

    @Override
    public long gateFlops() {
      return 0;
    }

    @Override
    public int[] choose(MultimodalSplit split, GateFeatures features) {
      return new int[split.size()];
    }

    @Override
    public float[] route(MultimodalSplit split, int[] choice) {
      return new float[choice.length];
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void emptyUntilTheFirstModel() {
    try (ModelHolder h = new ModelHolder()) {
      assertThat(h.acquire()).isEmpty();
      assertThat(h.version()).isEmpty();
    }
  }

  @Test
  void theOldModelIsClosedOnlyAfterItsRunningTasksRelease() throws Exception {
    try (ModelHolder h = new ModelHolder()) {
      Stub v1 = new Stub("v1");
      Stub v2 = new Stub("v2");
      h.swap(v1);
      ModelLease running = h.acquire().orElseThrow();

      h.swap(v2);

      // new tasks see v2 at once; the running task keeps v1, open
      try (ModelLease next = h.acquire().orElseThrow()) {
        assertThat(next.model()).isSameAs(v2);
      }
      assertThat(running.model()).isSameAs(v1);
      Thread.sleep(100);
      assertThat(v1.closed).isFalse();
      running.close();
      await().atMost(Duration.ofSeconds(5)).untilTrue(v1.closed);
      assertThat(v2.closed).isFalse();
    }
  }
}
