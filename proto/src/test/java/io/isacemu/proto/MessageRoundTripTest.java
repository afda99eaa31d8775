package io.isacemu.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;

class MessageRoundTripTest {

  @Test
  void packedFloatsSurviveBytesBitForBit() throws InvalidProtocolBufferException {
    float[] special = {
        0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7fc0_0001), 1.0f / 3.0f, (float) Math.PI};
    RawFeatures.Builder raw = RawFeatures.newBuilder().setSteps(2).setDim(6);
    for (float v : special) {
      raw.addValues(v);
    }
    DeviceMessage message = DeviceMessage.newBuilder()
        .setSenseResult(SenseResult.newBuilder().setTaskId("t").setCommandId(1).setLastChunk(true)
            .addSamples(SampleResult.newBuilder().setSampleId("s").setRaw(raw)))
        .build();

    DeviceMessage parsed = DeviceMessage.parseFrom(message.toByteArray());

    RawFeatures back = parsed.getSenseResult().getSamples(0).getRaw();
    assertThat(back.getValuesCount()).isEqualTo(special.length);
    for (int i = 0; i < special.length; i++) {
      assertThat(Float.floatToRawIntBits(back.getValues(i)))
          .as("bits of value %d", i)
          .isEqualTo(Float.floatToRawIntBits(special[i]));
    }
  }

  @Test
  void videoSampleIsPackedAtFourBytesPerValue() throws InvalidProtocolBufferException {
    SampleResult sample = Fixtures.rawVideoSample("v", 7);
    int payload = Fixtures.VIDEO_STEPS * Fixtures.VIDEO_DIM * Float.BYTES;

    byte[] bytes = sample.getRaw().toByteArray();

    // Unpacked floats would cost a tag byte each (5 bytes per value); packed adds a few header bytes.
    assertThat(bytes.length).isBetween(payload, payload + 16);
    assertThat(RawFeatures.parseFrom(bytes)).isEqualTo(sample.getRaw());
  }

  @Test
  void encodedVectorAndOneofSurviveBytes() throws InvalidProtocolBufferException {
    SampleResult local = SampleResult.newBuilder().setSampleId("a")
        .setEncoded(EncodedFeatures.newBuilder().addValues(-1.5f).addValues(2.25e-7f))
        .build();

    SampleResult parsed = SampleResult.parseFrom(local.toByteArray());

    assertThat(parsed.getPayloadCase()).isEqualTo(SampleResult.PayloadCase.ENCODED);
    assertThat(parsed.getEncoded().getValuesList()).containsExactly(-1.5f, 2.25e-7f);
  }

  @Test
  void optionalZeroDecibelsIsDistinguishedFromAbsent() throws InvalidProtocolBufferException {
    StateReport zeroSnr = StateReport.newBuilder().setSequenceNumber(1).setSnrDb(0.0)
        .setMeasuredAt(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
        .build();

    StateReport parsed = StateReport.parseFrom(zeroSnr.toByteArray());

    assertThat(parsed.hasSnrDb()).isTrue();
    assertThat(parsed.getSnrDb()).isZero();
    assertThat(parsed.hasChannelGainDb()).isFalse();
    assertThat(parsed.getMeasuredAt().getNanos()).isEqualTo(5);
  }

  @Test
  void unknownEnumNumberFromANewerPeerIsKeptNotLost() throws InvalidProtocolBufferException {
    byte[] fromNewerPeer = Register.newBuilder().setDeviceId("d").setModalityValue(42).build()
        .toByteArray();

    Register parsed = Register.parseFrom(fromNewerPeer);

    // proto3 enums are open: the receiver sees UNRECOGNIZED and must refuse it like UNSPECIFIED.
    assertThat(parsed.getModality()).isEqualTo(Modality.UNRECOGNIZED);
    assertThat(parsed.getModalityValue()).isEqualTo(42);
  }
}
