package io.isacemu.training.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs held in memory, in submission order: every unfinished job and at most
 * {@code historySize} finished ones. Not thread-safe: the owning {@link JobService} holds its lock
 * around every call.
 */
final class JobTable {

  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final int historySize;

  /** @param historySize finished jobs kept in memory (older ones live only in the records), ≥ 0 */
  JobTable(int historySize) {
    this.historySize = historySize;
  }

  void add(Job job) {
    jobs.put(job.id, job);
  }

  Optional<Job> get(long id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** The job, or {@link JobNotFoundException} if it is not in memory. */
  Job find(long id) {
    return get(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  /** Jobs queued or running. */
  long inFlight() {
    return jobs.values().stream().filter(j -> !j.state.finished()).count();
  }

  long count(JobState state) {
    return jobs.values().stream().filter(j -> j.state == state).count();
  }

  /** 1-based place of a QUEUED job among the queued ones; empty for any other state. */
  Optional<Integer> queuePosition(Job job) {
    if (job.state != JobState.QUEUED) {
      return Optional.empty();
    }
    int pos = 0;
    for (Job j : jobs.values()) {
      if (j.state == JobState.QUEUED) {
        pos++;
      }
      if (j == job) {
        break;
      }
    }
    return Optional.of(pos);
  }

  /** Every job's view, in submission order. */
  List<JobView> views() {
    List<JobView> out = new ArrayList<>(jobs.size());
    for (Job j : jobs.values()) {
      out.add(j.view(queuePosition(j)));
    }
    return out;
  }

  /** Drops the oldest finished jobs beyond {@code historySize}. */
  void trim() {
    long finished = jobs.values().stream().filter(j -> j.state.finished()).count();
    for (Iterator<Job> it = jobs.values().iterator(); it.hasNext() && finished > historySize; ) {
      if (it.next().state.finished()) {
        it.remove();
        finished--;
      }
    }
  }
}
