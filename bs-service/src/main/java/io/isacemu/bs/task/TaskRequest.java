package io.isacemu.bs.task;

import io.isacemu.core.validation.InvalidFieldException;
import io.isacemu.core.validation.Check;
import java.util.List;

/**
 * A validated sensing-and-inference task.
 *
 * @param sampleIds test-split sample ids, 1..100000, distinct
 * @param mode gate mode
 * @param deadlineSeconds deadline of each fetch round, emulated s, finite, &gt; 0
 * @param objective scheduler objective
 */
public record TaskRequest(List<String> sampleIds, TaskMode mode, double deadlineSeconds, Objective objective) {

  public TaskRequest {
    Check.present("sampleIds", sampleIds);
    sampleIds = List.copyOf(sampleIds);
    if (sampleIds.isEmpty() || sampleIds.size() > 100_000) {
      throw new InvalidFieldException("sampleIds", sampleIds.size(), sampleIds.size() + " ids, need 1..100000");
    }
    if (sampleIds.stream().distinct().count() != sampleIds.size()) {
      throw new InvalidFieldException("sampleIds", null, "contains duplicates");
    }
    Check.present("mode", mode);
    Check.positive("deadlineSeconds", deadlineSeconds);
    Check.finite("deadlineSeconds", deadlineSeconds);
    Check.present("objective", objective);
  }
}
