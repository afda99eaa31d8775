package io.isacemu.results.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isacemu.results.Fixtures;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SamplesCsvTest {

  @Test
  void headerRowsAndQuoting() throws Exception {
    SampleRecord ok = Fixtures.sample(0, 0, "fixed:T", 4, 0.0, -0.2, "T");
    SampleRecord failed = new SampleRecord(1, Map.of("cell.bandwidthHz", "20e6"), 1, "on-demand", "task-9", "9", 1.5,
        OptionalDouble.empty(), Optional.empty(), List.of(), SampleCost.NONE, SampleStatus.FAILED,
        Optional.of("device \"video-0\" lost, deadline 10 s"));
    StringWriter w = new StringWriter();
    SamplesCsv.write(w, List.of(ok, failed));
    String[] lines = w.toString().split("\r\n", -1);
    assertThat(lines).hasSize(4);
    assertThat(lines[3]).isEmpty();
    assertThat(lines[0]).isEqualTo("point,axis.cell.bandwidthHz," + String.join(",", SamplesCsv.FIXED_COLUMNS));
    assertThat(lines[1]).isEqualTo("0,10e6,0,fixed:T,task-4,4,0.0,-0.2,false,,T,text-0,3,offload,12.5,"
        + "0.1,0.024,0.01,0.134,0.002,0.54,800,1500000.0,ok,");
    assertThat(lines[2]).isEqualTo("1,20e6,1,on-demand,task-9,9,1.5,,,,,,,,,0.0,0.0,0.0,0.0,0.0,0.0,0,0.0,failed,"
        + "\"device \"\"video-0\"\" lost, deadline 10 s\"");
    assertThat(lines[1].split(",", -1)).hasSize(lines[0].split(",").length);
  }

  @Test
  void correctnessConventions() {
    assertThat(Fixtures.sample(0, 0, "m", 1, 0.0, 0.0, "T").correctHasZero()).contains(true);
    assertThat(Fixtures.sample(0, 0, "m", 1, 0.0, 0.0, "T").correctNonZero()).isEmpty();
    assertThat(Fixtures.sample(0, 0, "m", 1, 1.0, 0.0, "T").correctNonZero()).contains(false);
    assertThat(Fixtures.sample(0, 0, "m", 1, -1.0, 0.0, "T").correctNonZero()).contains(true);
  }

  @Test
  void validationNamesFieldAndValue() {
    assertThatThrownBy(() -> new DeviceUse("d", -1, ProcessingPath.LOCAL, 0)).hasMessageContaining("units")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new SampleRecord(0, Map.of(), 0, "m", "t", "s", 0, OptionalDouble.empty(), Optional.empty(),
        List.of(), SampleCost.NONE, SampleStatus.OK, Optional.empty())).hasMessageContaining("prediction");
    assertThatThrownBy(() -> new SampleRecord(0, Map.of(), 0, "m", "t", "s", 0, OptionalDouble.of(1), Optional.empty(),
        List.of(), SampleCost.NONE, SampleStatus.DEGRADED, Optional.empty())).hasMessageContaining("degradationReason");
    assertThatThrownBy(() -> new SampleCost(0, 0, 0, -2, 0, 0, 0, 0)).hasMessageContaining("totalSeconds")
        .hasMessageContaining("-2");
  }
}
