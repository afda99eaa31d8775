package io.isacemu.bs.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.bs.task.Experiment;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The experiment records in the service's SQL database (schema: {@code db/bs}, Flyway): one row per
 * accepted experiment from the moment it is accepted, rewritten after each of its modes; ids from a
 * database sequence, never reused across restarts.
 */
@Repository
public class ExperimentStore {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public ExperimentStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The next experiment number; never returned twice, also across restarts. */
  public long nextSequence() {
    Long n = jdbc.queryForObject("SELECT NEXT VALUE FOR experiment_ids", Long.class);
    if (n == null) {
      throw new IllegalStateException("experiment store: the sequence experiment_ids returned nothing");
    }
    return n;
  }

  /** Inserts or replaces the record of {@code e} (its number is the one in its id {@code e-<n>}). */
  public void save(Experiment e) {
    jdbc.update("MERGE INTO experiments (seq, id, state, submitted_at, record) KEY (id) VALUES (?, ?, ?, ?, ?)",
        sequenceOf(e.id()), e.id(), e.state().name(), Timestamp.from(e.submittedAt()), write(e));
  }

  public Optional<Experiment> find(String id) {
    return jdbc.query("SELECT record FROM experiments WHERE id = ?", (rs, i) -> read(rs.getString(1)), id).stream()
        .findFirst();
  }

  /** Records from {@code offset} (0 = the oldest), at most {@code limit}, oldest first. */
  public List<Experiment> page(int offset, int limit) {
    return jdbc.query("SELECT record FROM experiments ORDER BY seq LIMIT ? OFFSET ?",
        (rs, i) -> read(rs.getString(1)), limit, offset);
  }

  public int count() {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM experiments", Integer.class);
    return n == null ? 0 : n;
  }

  /** Records not terminal (QUEUED or RUNNING), oldest first: after a restart, those a crash interrupted. */
  public List<Experiment> unfinished() {
    return jdbc.query("SELECT record FROM experiments WHERE state IN ('QUEUED', 'RUNNING') ORDER BY seq",
        (rs, i) -> read(rs.getString(1)));
  }

  private static long sequenceOf(String id) {
    if (!id.startsWith("e-")) {
      throw new IllegalArgumentException("id: '" + id + "' is not of the form e-<n>");
    }
    return Long.parseLong(id.substring(2));
  }

  private String write(Experiment e) {
    try {
      return json.writeValueAsString(e);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("experiment " + e.id() + " cannot be written as JSON", x);
    }
  }

  private Experiment read(String text) {
    try {
      return json.readValue(text, Experiment.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored experiment record cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
