package io.isacemu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.results.samples.ProcessingPath;
import io.isacemu.results.samples.SampleRecord;
import io.isacemu.results.samples.SampleStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRecordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode task(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void aServedTaskBecomesOneRecordWithItsCostsDevicesAndExpertFlops() throws Exception {
    // rate = 3 bit/s/Hz over 180 kHz => SNR = 2^3 - 1 = 7 (8.45 dB)
    JsonNode t = task("{'id':'t-1','status':'DONE','reason':'',"
        + "'samples':[{'sampleId':'syn-test-000012','label':-1.5,'prediction':-0.25,'expert':'T','degraded':false}],"
        + "'devices':[{'deviceId':'text-0','units':1,'bandwidthHz':180000,'rateBps':540000,'mode':'LOCAL'},"
        + "{'deviceId':'video-0','units':0,'bandwidthHz':0,'rateBps':0,'mode':'OFFLOAD'}],"
        + "'modelled':{'sensingSeconds':0.1,'commSeconds':0.02,'computeSeconds':0.003,'totalSeconds':0.123},"
        + "'measured':{'totalSeconds':0.5},'energyJ':0.01,'bits':10}");
    List<SampleRecord> r = SampleRecords.of("fixed:T", List.of(t), Map.of("T", 764992.0));
    assertThat(r).hasSize(1);
    SampleRecord s = r.get(0);
    assertThat(s.mode()).isEqualTo("fixed:T");
    assertThat(s.taskId()).isEqualTo("t-1");
    assertThat(s.sampleId()).isEqualTo("syn-test-000012");
    assertThat(s.label()).isEqualTo(-1.5);
    assertThat(s.prediction()).hasValue(-0.25);
    assertThat(s.expert()).hasValue("T");
    assertThat(s.status()).isEqualTo(SampleStatus.OK);
    assertThat(s.degradationReason()).isEmpty();
    assertThat(s.cost().totalSeconds()).isEqualTo(0.123);
    assertThat(s.cost().wallSeconds()).isEqualTo(0.5);
    assertThat(s.cost().bits()).isEqualTo(10);
    assertThat(s.cost().flops()).isEqualTo(764992.0);
    assertThat(s.devices()).singleElement().satisfies(d -> {
      assertThat(d.deviceId()).isEqualTo("text-0");
      assertThat(d.path()).isEqualTo(ProcessingPath.LOCAL);
      assertThat(d.snrDb()).isCloseTo(10 * Math.log10(7), org.assertj.core.data.Offset.offset(1e-9));
    });
  }

  @Test
  void degradedAndFailedSamplesCarryTheTaskReason() throws Exception {
    JsonNode t = task("{'id':'t-2','status':'DEGRADED','reason':'video-0 LOST',"
        + "'samples':[{'sampleId':'syn-test-000001','label':1,'prediction':0.5,'expert':'T','degraded':true},"
        + "{'sampleId':'syn-test-000002','label':1,'prediction':null,'expert':null,'degraded':true}],"
        + "'devices':[],'modelled':{'totalSeconds':0.2},'measured':{'totalSeconds':1},'energyJ':0.02,'bits':20}");
    List<SampleRecord> r = SampleRecords.of("on-demand", List.of(t), Map.of());
    assertThat(r).extracting(SampleRecord::status).containsExactly(SampleStatus.DEGRADED, SampleStatus.FAILED);
    assertThat(r).allSatisfy(s -> assertThat(s.degradationReason()).hasValue("video-0 LOST"));
    assertThat(r.get(0).cost().totalSeconds()).isEqualTo(0.1);
    assertThat(r.get(1).expert()).isEmpty();
  }

  @Test
  void aPickleIdIsKeptAsItIs() throws Exception {
    // MultiBench ids are YouTube ids with a segment suffix, not indexes
    JsonNode t = task("{'id':'t-3','status':'DONE','reason':'',"
        + "'samples':[{'sampleId':'-3g5yACwYnA[2]','label':0.5,'prediction':0.25,'expert':'T','degraded':false}],"
        + "'devices':[],'modelled':{'totalSeconds':0.1},'measured':{'totalSeconds':0.2},'energyJ':0.01,'bits':10}");
    assertThat(SampleRecords.of("fixed:T", List.of(t), Map.of()).get(0).sampleId()).isEqualTo("-3g5yACwYnA[2]");
  }
}
