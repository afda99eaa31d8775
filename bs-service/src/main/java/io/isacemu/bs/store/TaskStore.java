package io.isacemu.bs.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.bs.task.TaskResult;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The task records in the service's SQL database (schema: {@code db/bs}, Flyway). Every accepted
 * task has a row from the moment it is accepted, so its id answers after a crash and a restart; ids
 * come from a database sequence, so they are never reused across restarts.
 */
@Repository
public class TaskStore {

  private static final List<String> UNFINISHED = List.of("PENDING", "RUNNING");

  private final JsonRecordTable<TaskResult> table;

  public TaskStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.table = new JsonRecordTable<>(jdbc, json, TaskResult.class, "tasks", "task_ids", "t-", "status", "result");
  }

  /** The next task number; never returned twice, also across restarts (it may skip after a crash). */
  public long nextSequence() {
    return table.nextSequence();
  }

  /** Inserts or replaces the record of {@code r} (its number is the one in its id {@code t-<n>}). */
  public void save(TaskResult r) {
    table.save(r.id(), r.status().name(), r.submittedAt(), r);
  }

  public Optional<TaskResult> find(String id) {
    return table.find(id);
  }

  /** Records from {@code offset} (0 = the oldest), at most {@code limit}, oldest first. */
  public List<TaskResult> page(int offset, int limit) {
    return table.page(offset, limit);
  }

  /** The newest {@code limit} records whose status is one of {@code statuses}, oldest first. */
  public List<TaskResult> newest(int limit, List<String> statuses) {
    return table.newest(limit, statuses);
  }

  public int count() {
    return table.count();
  }

  /** Records not terminal (PENDING or RUNNING), oldest first: after a restart, those a crash interrupted. */
  public List<TaskResult> unfinished() {
    return table.inStates(UNFINISHED);
  }

  /** Deletes the oldest terminal records beyond the newest {@code keep}; returns how many. */
  public int retain(int keep) {
    return table.retain(keep, UNFINISHED);
  }
}
