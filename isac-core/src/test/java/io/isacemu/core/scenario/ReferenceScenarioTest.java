package io.isacemu.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.core.cost.DevicePathCost;
import io.isacemu.core.cost.ExpertCost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceScenarioTest {

  private static ReferenceScenario.Config small(long seed) {
    ReferenceScenario.Config r = ReferenceScenario.Config.reference(seed);
    return r.withFrames(12);
  }

  @Test
  void sameSeedSameChannelTraceAndSameAllocation() {
    List<ReferenceScenario.Frame> a = new ReferenceScenario(small(11)).run();
    List<ReferenceScenario.Frame> b = new ReferenceScenario(small(11)).run();
    assertThat(a).isEqualTo(b); // records: channel states and every allocation, bit for bit
    List<ReferenceScenario.Frame> c = new ReferenceScenario(small(12)).run();
    assertThat(c.get(5).channels()).isNotEqualTo(a.get(5).channels());
  }

  @Test
  void everyFrameRespectsTheBandAndTextIsCheapest() {
    for (ReferenceScenario.Frame f : new ReferenceScenario(small(3)).run()) {
      ExpertCost vat = f.costs().get("V+A+T").orElseThrow();
      ExpertCost t = f.costs().get("T").orElseThrow();
      assertThat(vat.devices().stream().mapToInt(DevicePathCost::units).sum()).isBetween(3, 111);
      assertThat(vat.devices()).allSatisfy(d -> assertThat(d.units()).isGreaterThanOrEqualTo(1));
      assertThat(t.bits()).isLessThan(vat.bits());
      assertThat(t.latencySeconds()).isLessThanOrEqualTo(vat.latencySeconds());
      assertThat(t.flops()).isLessThan(vat.flops());
    }
  }

  @Test
  void printsTheSummary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReferenceScenario.Config cfg = small(5);
    ReferenceScenario.print(cfg, new ReferenceScenario(cfg).run(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("V+A+T").contains("lat mean s").contains("111 units of 180 kHz");
  }

  @Test
  void encoderFlopsFormula() {
    // T=2, dIn=3, d=4, 1 layer: conv 2·2·3·4 = 48; layer 2·(4·2·16 + 2·4·4 + 2·2·4·16) = 2·(128+32+256) = 832
    assertThat(ReferenceScenario.encoderFlops(2, 3, 4, 1)).isEqualTo(880.0);
  }

  @Test
  void invalidConfigNamesTheField() {
    ReferenceScenario.Config r = ReferenceScenario.Config.reference(1);
    assertThatThrownBy(() -> new ReferenceScenario.Config(1, 0, 1, 1, 4, r.spectrum(), r.workloads(), r.experts(), true))
        .hasMessageContaining("frames").hasMessageContaining("0");
    assertThatThrownBy(() -> new ReferenceScenario.Config(1, 5, 1, 1, 4, r.spectrum(), r.workloads(), List.of(), true))
        .hasMessageContaining("experts");
    assertThatThrownBy(() -> ReferenceScenario.main(new String[] {"abc"})).hasMessageContaining("seed").hasMessageContaining("abc");
  }

  @Test
  void offloadOnlyNeverSchedulesLocalProcessing() {
    ReferenceScenario.Config r = small(4);
    ReferenceScenario.Config off = r.with(0.1, r.workloads(), r.experts(), false);
    for (ReferenceScenario.Frame f : new ReferenceScenario(off).run()) {
      assertThat(f.costs().get("V+A+T").orElseThrow().devices())
          .allSatisfy(d -> assertThat(d.mode().name()).isEqualTo("OFFLOAD"));
      // offloaded raw video: m_k T^s = 4 Mbit/s × 0.1 s
      assertThat(f.costs().get("V+A+T").orElseThrow().devices().get(0).bitsSent()).isEqualTo(4e5);
    }
  }
}
