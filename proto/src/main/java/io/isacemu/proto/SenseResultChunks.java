package io.isacemu.proto;

import com.google.protobuf.CodedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Splits a {@link SenseResult} into chunks that each fit one gRPC message, and joins them back.
 *
 * <p>Implements the chunking rule of {@code device.proto}: chunks {@code 0..n-1} in order, whole
 * samples only, {@code last_chunk} on chunk {@code n-1} only, summary fields (status, bits, times,
 * energy) on the last chunk only, and every chunk wrapped in a {@link DeviceMessage} at most
 * {@code maxMessageBytes} bytes long.
 */
public final class SenseResultChunks {

  /** Message budget when {@link RegisterAck#getMaxMessageBytes()} is 0: 1 MiB (1,048,576 bytes). */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

  /** Smallest budget a BS may announce: 64 KiB (65,536 bytes), as documented in device.proto. */
  public static final int MIN_MAX_MESSAGE_BYTES = 1 << 16;

  /** Largest budget a BS may announce: gRPC's default inbound limit, 4 MiB (4,194,304 bytes). */
  public static final int MAX_MAX_MESSAGE_BYTES = 4 << 20;

  // DeviceMessage wraps the chunk as field 3: one tag byte plus a varint length of at most 5 bytes.
  private static final int WRAPPER_OVERHEAD_BYTES = 1 + 5;

  private SenseResultChunks() {}

  /**
   * The budget announced by a RegisterAck, with 0 meaning {@link #DEFAULT_MAX_MESSAGE_BYTES}.
   *
   * @param ack the BS's answer to Register
   * @return bytes, in {@code [MIN_MAX_MESSAGE_BYTES, MAX_MAX_MESSAGE_BYTES]}
   * @throws IllegalArgumentException if the ack announces a budget outside that range
   */
  public static int maxMessageBytes(RegisterAck ack) {
    int announced = ack.getMaxMessageBytes();
    if (announced == 0) {
      return DEFAULT_MAX_MESSAGE_BYTES;
    }
    requireBudget(announced);
    return announced;
  }

  /**
   * Splits a complete answer into chunks of whole samples.
   *
   * @param whole the complete answer: every sample, and the summary fields (its chunk_index and
   *     last_chunk are ignored)
   * @param maxMessageBytes budget per {@link DeviceMessage}, bytes, in {@code [65_536,
   *     4_194_304]}
   * @return at least one chunk; indices 0..n-1, only the last with last_chunk and the summary
   * @throws IllegalArgumentException if the budget is out of range or one sample alone does not fit
   */
  public static List<SenseResult> split(SenseResult whole, int maxMessageBytes) {
    Objects.requireNonNull(whole, "whole");
    requireBudget(maxMessageBytes);
    SenseResult header = whole.toBuilder().clearSamples().setChunkIndex(0).setLastChunk(false)
        .build();
    // Worst-case header: the summary fields, last_chunk and a 5-byte chunk_index are all present.
    int headerBytes = header.toBuilder().setChunkIndex(Integer.MAX_VALUE).setLastChunk(true)
        .build().getSerializedSize();
    int sampleBudget = maxMessageBytes - WRAPPER_OVERHEAD_BYTES - headerBytes;

    SenseResult.Builder base = SenseResult.newBuilder()
        .setTaskId(whole.getTaskId())
        .setCommandId(whole.getCommandId());
    List<SenseResult> chunks = new ArrayList<>();
    List<SampleResult> current = new ArrayList<>();
    int currentBytes = 0;
    for (SampleResult sample : whole.getSamplesList()) {
      int sampleBytes = CodedOutputStream.computeMessageSize(
          SenseResult.SAMPLES_FIELD_NUMBER, sample);
      if (sampleBytes > sampleBudget) {
        throw new IllegalArgumentException("sample " + sample.getSampleId() + ": " + sampleBytes
            + " bytes does not fit maxMessageBytes " + maxMessageBytes);
      }
      if (currentBytes + sampleBytes > sampleBudget) {
        chunks.add(base.clone().setChunkIndex(chunks.size()).addAllSamples(current).build());
        current.clear();
        currentBytes = 0;
      }
      current.add(sample);
      currentBytes += sampleBytes;
    }
    chunks.add(header.toBuilder().setChunkIndex(chunks.size()).setLastChunk(true)
        .addAllSamples(current).build());
    return List.copyOf(chunks);
  }

  private static void requireBudget(int maxMessageBytes) {
    if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES || maxMessageBytes > MAX_MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes: " + maxMessageBytes + " not in ["
          + MIN_MAX_MESSAGE_BYTES + ", " + MAX_MAX_MESSAGE_BYTES + "]");
    }
  }

  /**
   * Joins the chunks of ONE command back into a complete answer. Not thread-safe: one assembler per
   * command, fed from the stream's observer.
   */
  public static final class Assembler {
    private final SenseResult.Builder merged = SenseResult.newBuilder();
    private int nextIndex;
    private boolean done;

    /** A fresh assembler expecting chunk 0. */
    public Assembler() {}

    /**
     * Accepts the next chunk.
     *
     * @param chunk the next chunk of the same command, in order
     * @return the complete answer (chunk_index 0, last_chunk true) once the last chunk arrived;
     *     empty before
     * @throws IllegalArgumentException if the chunk is out of order, belongs to another command or
     *     task, or arrives after the last one
     */
    public Optional<SenseResult> accept(SenseResult chunk) {
      Objects.requireNonNull(chunk, "chunk");
      if (done) {
        throw new IllegalArgumentException("chunk_index: " + chunk.getChunkIndex()
            + " arrived after the last chunk of command " + merged.getCommandId());
      }
      if (chunk.getChunkIndex() != nextIndex) {
        throw new IllegalArgumentException("chunk_index: " + chunk.getChunkIndex()
            + " but expected " + nextIndex);
      }
      if (nextIndex > 0 && (chunk.getCommandId() != merged.getCommandId()
          || !chunk.getTaskId().equals(merged.getTaskId()))) {
        throw new IllegalArgumentException("command_id: " + chunk.getCommandId() + "/task_id: "
            + chunk.getTaskId() + " but this answer is for " + merged.getCommandId() + "/"
            + merged.getTaskId());
      }
      if (nextIndex == 0) {
        merged.setTaskId(chunk.getTaskId()).setCommandId(chunk.getCommandId());
      }
      merged.addAllSamples(chunk.getSamplesList());
      nextIndex++;
      if (!chunk.getLastChunk()) {
        return Optional.empty();
      }
      done = true;
      // Summary fields travel on the last chunk only.
      SenseResult summary = chunk.toBuilder().clearSamples().build();
      return Optional.of(merged.mergeFrom(summary).setChunkIndex(0).build());
    }
  }
}
