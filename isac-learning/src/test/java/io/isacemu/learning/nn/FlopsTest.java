package io.isacemu.learning.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.isacemu.core.modality.Modality;
import io.isacemu.core.modality.ModalitySet;
import io.isacemu.learning.ArchitecturePreset;
import java.util.List;
import io.isacemu.learning.SameSteps;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlopsTest {

  // C=3 → d=4, 1 layer, 2 heads, FFN 8, T=2:
  // conv 2·2·3·4 = 48; attention 8·2·4² + 4·2²·4 = 256 + 64 = 320; FFN 4·2·4·8 = 256 → 624
  private final EncoderSpec enc = new EncoderSpec(Modality.TEXT, 3, 4, 1, 2, 8);

  @Test
  void encoderByHand() {
    assertThat(Flops.encoder(enc, 2)).isEqualTo(624);
  }

  @Test
  void expertAddsTheMlp() {
    ExpertNetworkSpec e = new ExpertNetworkSpec(ModalitySet.of(Modality.TEXT), List.of(enc), List.of(5), 0);
    // MLP 4→5→1: 2·4·5 + 2·5·1 = 50
    assertThat(Flops.expert(e, Map.of(Modality.TEXT, 2))).isEqualTo(674);
  }

  @Test
  void gateAddsTheLinearLayerOverPooledPlusExtra() {
    GateSpec g = new GateSpec(ModalitySet.of(Modality.TEXT), List.of(enc), 2, 3, 0);
    // (4 + 2) → 3 logits: 2·6·3 = 36
    assertThat(Flops.gate(g, Map.of(Modality.TEXT, 2))).isEqualTo(660);
  }

  @Test
  void referenceFusionCostsMoreThanText() {
    ArchitecturePreset p = ArchitecturePreset.moseiReference();
    Map<Modality, Integer> dims = Map.of(Modality.VIDEO, 35, Modality.AUDIO, 74, Modality.TEXT, 300);
    long text = Flops.expert(p.expert(ModalitySet.of(Modality.TEXT), dims), SameSteps.of(dims, 50));
    long vat = Flops.expert(p.expert(ModalitySet.all(), dims), SameSteps.of(dims, 50));
    assertThat(p.expert(ModalitySet.all(), dims).fusedWidth()).isEqualTo(300);
    assertThat(vat).isGreaterThan(2 * text);
  }
}
