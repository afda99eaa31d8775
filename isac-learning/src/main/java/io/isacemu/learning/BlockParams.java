package io.isacemu.learning;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A block's parameters as bytes (DJL's parameter stream): the kept-best copy, checkpoints, bundles. */
final class BlockParams {

  private BlockParams() {}

  /** The current parameters of {@code block}. */
  static byte[] snapshot(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Loads {@code params}, taken by {@link #snapshot} from a block of the same architecture.
   *
   * @throws IllegalStateException when they do not fit the architecture
   */
  static void restore(Block block, NDManager manager, byte[] params) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
      block.loadParameters(manager, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("parameters do not match the architecture: " + e.getMessage(), e);
    }
  }
}
