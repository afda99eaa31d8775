package io.isacemu.bs.cell;

import io.isacemu.bs.BsProperties;
import io.isacemu.core.uplink.RadioSettings;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The radio settings in force ({@code B}, {@code B_min}, noise figure, {@code M}): one reference that
 * the scheduler's SNRs, the Register check and {@code GET /api/cell} all read, and that only {@link
 * CellSettings} changes (between tasks). Has no dependencies, so that every reader can take it.
 */
@Component
public class CellRadio {

  private final AtomicReference<RadioSettings> current;

  @Autowired
  public CellRadio(BsProperties properties) {
    this(properties.radio().settings());
  }

  public CellRadio(RadioSettings initial) {
    this.current = new AtomicReference<>(initial);
  }

  /** The settings in force. */
  public RadioSettings current() {
    return current.get();
  }

  void set(RadioSettings next) {
    current.set(next);
  }
}
