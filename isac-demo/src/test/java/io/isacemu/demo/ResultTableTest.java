package io.isacemu.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static final String SUMMARY = """
      [
       {"mode":"fixed:T","expert":"*","tasks":4,"samples":4,"acc2":0.75,"f1Weighted":0.7,"meanLatencySeconds":0.1,
        "p95LatencySeconds":0.12,"meanEnergyJ":0.01,"meanBits":10,"expertShares":{"T":1.0}},
       {"mode":"fixed:T","expert":"T","tasks":4,"samples":4,"acc2":0.75,"f1Weighted":0.7,"meanLatencySeconds":0.1,
        "p95LatencySeconds":0.12,"meanEnergyJ":0.01,"meanBits":10,"expertShares":{"T":1.0}},
       {"mode":"on-demand","expert":"*","tasks":4,"samples":4,"acc2":0.5,"f1Weighted":0.5,"meanLatencySeconds":0.2,
        "p95LatencySeconds":0.3,"meanEnergyJ":0.02,"meanBits":1000,"expertShares":{"T":0.75,"V+A+T":0.25}}
      ]""";

  @Test
  void rowsFollowTheModeOrderAndWeighFlopsByShares() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(SUMMARY);
    List<ResultTable.Row> rows = ResultTable.of(summary, List.of("on-demand", "fixed:V", "fixed:T"),
        Map.of("T", 1e6, "V+A+T", 5e6));
    assertThat(rows).extracting(ResultTable.Row::name).containsExactly("dynamic fusion (on-demand)", "T");
    assertThat(rows.get(0).flops()).isCloseTo(0.75 * 1e6 + 0.25 * 5e6, within(1e-6));
    assertThat(rows.get(1).p95LatencySeconds()).isEqualTo(0.12);
    String text = ResultTable.format(rows);
    assertThat(text).contains("dynamic fusion (on-demand)").contains("T 75% V+A+T 25%");
    String csv = ResultTable.csv(rows);
    assertThat(csv.lines()).hasSize(3);
    assertThat(csv).contains("\"T=0.75;V+A+T=0.25\"");
  }
}
