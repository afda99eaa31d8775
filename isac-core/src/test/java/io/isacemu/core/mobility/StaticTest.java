package io.isacemu.core.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class StaticTest {

  @Property(tries = 100)
  void neverMoves(
      @ForAll @DoubleRange(min = -1e4, max = 1e4) double xM,
      @ForAll @DoubleRange(min = -1e4, max = 1e4) double yM,
      @ForAll List<@DoubleRange(min = 0.0, max = 1e6) Double> steps) {
    Position position = new Position(xM, yM);
    Static model = new Static(position);
    for (double dt : steps) {
      assertThat(model.step(dt)).isEqualTo(position);
      assertThat(model.speedMps()).isZero();
      assertThat(model.odometerM()).isZero();
    }
    assertThat(model.position()).isEqualTo(position);
    assertThat(model.maxDistanceFromOriginM()).isEqualTo(Math.hypot(xM, yM));
  }

  @Test
  void rejectsNegativeStepAndMissingPosition() {
    Static model = new Static(Position.ORIGIN);
    assertThatThrownBy(() -> model.step(-1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtSeconds: -1.0");
    assertThatThrownBy(() -> new Static(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position");
  }

  @Test
  void positionRejectsNonFiniteCoordinatesAndMeasuresDistances() {
    assertThatThrownBy(() -> new Position(Double.NaN, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xM: NaN");
    assertThatThrownBy(() -> new Position(0.0, Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("yM: -Infinity");
    assertThat(new Position(3.0, 4.0).distanceFromOriginM()).isEqualTo(5.0);
    assertThat(new Position(1.0, 1.0).distanceToM(new Position(4.0, 5.0))).isEqualTo(5.0);
  }
}
