package io.isacemu.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SenseResultChunksTest {

  @ParameterizedTest
  @CsvSource({"0, 65536", "1, 65536", "9, 65536", "10, 65536", "150, 1048576", "700, 4194304"})
  void splitThenAssembleGivesBackTheWholeAnswer(int samples, int budget) {
    SenseResult whole = Fixtures.wholeVideoResult("task-1", 3, samples);

    List<SenseResult> chunks = SenseResultChunks.split(whole, budget);

    SenseResultChunks.Assembler assembler = new SenseResultChunks.Assembler();
    Optional<SenseResult> joined = Optional.empty();
    for (int i = 0; i < chunks.size(); i++) {
      SenseResult chunk = chunks.get(i);
      assertThat(chunk.getChunkIndex()).isEqualTo(i);
      assertThat(chunk.getLastChunk()).isEqualTo(i == chunks.size() - 1);
      assertThat(DeviceMessage.newBuilder().setSenseResult(chunk).build().getSerializedSize())
          .isLessThanOrEqualTo(budget);
      joined = assembler.accept(chunk);
      assertThat(joined.isPresent()).isEqualTo(chunk.getLastChunk());
    }
    assertThat(joined).contains(whole);
  }

  @Test
  void aBatchTooBigForOneDefaultMessageIsSplitWithSummaryOnTheLastChunkOnly() {
    // 700 video samples of 50 x 35 floats = 4.9 MB: more than gRPC's 4 MiB default in one message.
    SenseResult whole = Fixtures.wholeVideoResult("task-2", 9, 700);
    assertThat(whole.getSerializedSize()).isGreaterThan(4 << 20);

    List<SenseResult> chunks =
        SenseResultChunks.split(whole, SenseResultChunks.DEFAULT_MAX_MESSAGE_BYTES);

    assertThat(chunks).hasSize(5);
    assertThat(chunks.subList(0, 4)).allSatisfy(c -> {
      assertThat(c.getStatus()).isEqualTo(SenseStatus.SENSE_STATUS_UNSPECIFIED);
      assertThat(c.getBitsSent()).isZero();
      assertThat(c.getEnergyJ()).isZero();
      assertThat(c.getTaskId()).isEqualTo("task-2");
      assertThat(c.getCommandId()).isEqualTo(9);
    });
    assertThat(chunks.get(4).getStatus()).isEqualTo(SenseStatus.SENSE_STATUS_OK);
    assertThat(chunks.get(4).getEnergyJ()).isEqualTo(0.0125);
    assertThat(chunks.stream().mapToInt(SenseResult::getSamplesCount).sum()).isEqualTo(700);
  }

  @Test
  void aSampleLargerThanTheBudgetIsRefusedByName() {
    RawFeatures.Builder big = RawFeatures.newBuilder().setSteps(1).setDim(20_000);
    for (int i = 0; i < 20_000; i++) {
      big.addValues(i);
    }
    SenseResult whole = SenseResult.newBuilder().setTaskId("t").setCommandId(1)
        .addSamples(SampleResult.newBuilder().setSampleId("huge").setRaw(big)).build();

    assertThatThrownBy(() -> SenseResultChunks.split(whole, 65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample huge");
  }

  @Test
  void budgetOutsideTheDocumentedRangeIsRefused() {
    SenseResult whole = Fixtures.wholeVideoResult("t", 1, 1);
    assertThatThrownBy(() -> SenseResultChunks.split(whole, 65_535))
        .hasMessageContaining("maxMessageBytes: 65535");
    assertThatThrownBy(() -> SenseResultChunks.split(whole, (4 << 20) + 1))
        .hasMessageContaining("maxMessageBytes: 4194305");
  }

  @Test
  void maxMessageBytesOfAnAckDefaultsToOneMebibyte() {
    assertThat(SenseResultChunks.maxMessageBytes(RegisterAck.getDefaultInstance()))
        .isEqualTo(1_048_576);
    assertThat(SenseResultChunks.maxMessageBytes(
        RegisterAck.newBuilder().setMaxMessageBytes(70_000).build())).isEqualTo(70_000);
    assertThatThrownBy(() -> SenseResultChunks.maxMessageBytes(
        RegisterAck.newBuilder().setMaxMessageBytes(100).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void assemblerRefusesOutOfOrderForeignAndLateChunks() {
    List<SenseResult> chunks =
        SenseResultChunks.split(Fixtures.wholeVideoResult("t", 4, 20), 65_536);
    assertThat(chunks).hasSizeGreaterThan(2);

    SenseResultChunks.Assembler skipped = new SenseResultChunks.Assembler();
    assertThatThrownBy(() -> skipped.accept(chunks.get(1)))
        .hasMessageContaining("chunk_index: 1 but expected 0");

    SenseResultChunks.Assembler foreign = new SenseResultChunks.Assembler();
    foreign.accept(chunks.get(0));
    assertThatThrownBy(() -> foreign.accept(chunks.get(1).toBuilder().setCommandId(5).build()))
        .hasMessageContaining("command_id: 5");

    SenseResultChunks.Assembler late = new SenseResultChunks.Assembler();
    chunks.forEach(late::accept);
    assertThatThrownBy(() -> late.accept(chunks.get(0)))
        .hasMessageContaining("after the last chunk");
  }
}
