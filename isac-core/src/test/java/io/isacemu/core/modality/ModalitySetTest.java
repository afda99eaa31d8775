package io.isacemu.core.modality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModalitySetTest {

  @Test
  void parsesAndPrintsCanonically() {
    assertThat(ModalitySet.parse("t+v+a").name()).isEqualTo("V+A+T");
    assertThat(ModalitySet.parse("text, audio").name()).isEqualTo("A+T");
    assertThat(ModalitySet.parse("vision").modalities()).containsExactly(Modality.VIDEO);
    assertThat(ModalitySet.all().size()).isEqualTo(3);
    assertThat(ModalitySet.all().containsAll(ModalitySet.of(Modality.TEXT))).isTrue();
  }

  @Test
  void rejectsUnknownAndEmpty() {
    assertThatThrownBy(() -> ModalitySet.parse("V+X")).hasMessageContaining("'X'");
    assertThatThrownBy(() -> ModalitySet.parse(" ")).hasMessageContaining("modalities");
    assertThatThrownBy(() -> new ModalitySet(0)).hasMessageContaining("mask").hasMessageContaining("0");
    assertThatThrownBy(() -> new ModalitySet(8)).hasMessageContaining("8");
  }
}
