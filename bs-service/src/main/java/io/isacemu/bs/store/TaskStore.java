package io.isacemu.bs.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.bs.task.TaskResult;
import java.sql.Timestamp;
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

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public TaskStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The next task number; never returned twice, also across restarts (it may skip after a crash). */
  public long nextSequence() {
    Long n = jdbc.queryForObject("SELECT NEXT VALUE FOR task_ids", Long.class);
    if (n == null) {
      throw new IllegalStateException("task store: the sequence task_ids returned nothing");
    }
    return n;
  }

  /** Inserts or replaces the record of {@code r} (its number is the one in its id {@code t-<n>}). */
  public void save(TaskResult r) {
    jdbc.update("MERGE INTO tasks (seq, id, status, submitted_at, result) KEY (id) VALUES (?, ?, ?, ?, ?)",
        sequenceOf(r.id()), r.id(), r.status().name(), Timestamp.from(r.submittedAt()), write(r));
  }

  public Optional<TaskResult> find(String id) {
    return jdbc.query("SELECT result FROM tasks WHERE id = ?", (rs, i) -> read(rs.getString(1)), id).stream()
        .findFirst();
  }

  /** Records from {@code offset} (0 = the oldest), at most {@code limit}, oldest first. */
  public List<TaskResult> page(int offset, int limit) {
    return jdbc.query("SELECT result FROM tasks ORDER BY seq LIMIT ? OFFSET ?", (rs, i) -> read(rs.getString(1)),
        limit, offset);
  }

  /** The newest {@code limit} records whose status is one of {@code statuses}, oldest first. */
  public List<TaskResult> newest(int limit, List<String> statuses) {
    String in = String.join(",", statuses.stream().map(s -> "?").toList());
    Object[] args = new Object[statuses.size() + 1];
    for (int i = 0; i < statuses.size(); i++) {
      args[i] = statuses.get(i);
    }
    args[statuses.size()] = limit;
    List<TaskResult> desc = jdbc.query("SELECT result FROM tasks WHERE status IN (" + in + ") ORDER BY seq DESC LIMIT ?",
        (rs, i) -> read(rs.getString(1)), args);
    List<TaskResult> asc = new java.util.ArrayList<>(desc);
    java.util.Collections.reverse(asc);
    return asc;
  }

  public int count() {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM tasks", Integer.class);
    return n == null ? 0 : n;
  }

  /** Records not terminal (PENDING or RUNNING), oldest first: after a restart, those a crash interrupted. */
  public List<TaskResult> unfinished() {
    return jdbc.query("SELECT result FROM tasks WHERE status IN ('PENDING', 'RUNNING') ORDER BY seq",
        (rs, i) -> read(rs.getString(1)));
  }

  /** Deletes the oldest terminal records beyond the newest {@code keep}; returns how many. */
  public int retain(int keep) {
    return jdbc.update("DELETE FROM tasks WHERE status NOT IN ('PENDING', 'RUNNING') AND seq <= "
        + "(SELECT COALESCE(MAX(seq), 0) FROM tasks) - ?", keep);
  }

  private static long sequenceOf(String id) {
    if (!id.startsWith("t-")) {
      throw new IllegalArgumentException("id: '" + id + "' is not of the form t-<n>");
    }
    return Long.parseLong(id.substring(2));
  }

  private String write(TaskResult r) {
    try {
      return json.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task " + r.id() + " cannot be written as JSON", e);
    }
  }

  private TaskResult read(String text) {
    try {
      return json.readValue(text, TaskResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored task record cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
