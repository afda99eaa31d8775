package io.isacemu.results.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

  @Test
  void quantilesMatchPublishedTables() {
    assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.7062047, within(1e-6));
    assertThat(StudentT.quantile(0.975, 4)).isCloseTo(2.7764451, within(1e-6));
    assertThat(StudentT.quantile(0.975, 9)).isCloseTo(2.2621572, within(1e-6));
    assertThat(StudentT.quantile(0.975, 29)).isCloseTo(2.0452296, within(1e-6));
    assertThat(StudentT.quantile(0.995, 2)).isCloseTo(9.9248432, within(1e-6));
    assertThat(StudentT.quantile(0.975, 1e6)).isCloseTo(1.959966, within(1e-5));
    assertThat(StudentT.quantile(0.025, 4)).isCloseTo(-2.7764451, within(1e-6));
    assertThat(StudentT.quantile(0.5, 7)).isZero();
  }

  @Test
  void cdfOfCauchyIsClosedForm() {
    // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π
    for (double t : new double[] {-5, -1, 0, 0.3, 2, 40}) {
      assertThat(StudentT.cdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-12));
    }
  }

  @Test
  void intervalOfFiveNumbersByHand() {
    // 1..5: mean 3, s = √2.5, se = √0.5, half = 2.7764451 · 0.7071068 = 1.9632432
    ConfidenceInterval ci = StudentT.interval(new double[] {1, 2, 3, 4, 5}, 0.95);
    assertThat(ci.mean()).isEqualTo(3.0);
    assertThat(ci.lower()).isCloseTo(1.0367568, within(1e-6));
    assertThat(ci.upper()).isCloseTo(4.9632432, within(1e-6));
    assertThat(ci.n()).isEqualTo(5);
    assertThat(ci.level()).isEqualTo(0.95);
    assertThat(ci.method()).isEqualTo(ConfidenceInterval.Method.STUDENT_T);
  }

  @Test
  void oneValueIsAPointAndBadInputNamesTheField() {
    assertThat(StudentT.interval(new double[] {2.5}, 0.95).method()).isEqualTo(ConfidenceInterval.Method.POINT);
    assertThatThrownBy(() -> StudentT.interval(new double[] {1, Double.NaN}, 0.95)).hasMessageContaining("values[1]");
    assertThatThrownBy(() -> StudentT.quantile(1.0, 3)).hasMessageContaining("p").hasMessageContaining("1.0");
    assertThatThrownBy(() -> new ConfidenceInterval(1, 2, 3, 2, 0.95, ConfidenceInterval.Method.STUDENT_T))
        .hasMessageContaining("lower").hasMessageContaining("2.0");
    assertThatThrownBy(() -> new ConfidenceInterval(1, 0, 3, 0, 0.95, ConfidenceInterval.Method.STUDENT_T))
        .hasMessageContaining("n");
    assertThatThrownBy(() -> new ConfidenceInterval(1, 0, 3, 2, 1.5, ConfidenceInterval.Method.STUDENT_T))
        .hasMessageContaining("level").hasMessageContaining("1.5");
  }
}
