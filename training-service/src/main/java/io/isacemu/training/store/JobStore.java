package io.isacemu.training.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Training-job records in the service's SQL database (schema {@code db/training}, Flyway): a job's
 * state, the request it came with, its last view and its results. Ids come from a database
 * sequence, so they are never reused across restarts.
 */
@Repository
public class JobStore implements JobRecords {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public JobStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The next job id; never returned twice, also across restarts. */
  @Override
  public long nextId() {
    Long n = jdbc.queryForObject("SELECT NEXT VALUE FOR job_ids", Long.class);
    if (n == null) {
      throw new IllegalStateException("job store: the sequence job_ids returned nothing");
    }
    return n;
  }

  /** Inserts or replaces job {@code id}: {@code view} and {@code results} are written as JSON. */
  @Override
  public void save(long id, String state, Optional<?> request, Object view, Optional<?> results) {
    jdbc.update("MERGE INTO jobs (id, state, request, view, results) KEY (id) VALUES (?, ?, ?, ?, ?)",
        id, state, request.map(this::write).orElse(null), write(view), results.map(this::write).orElse(null));
  }

  @Override
  public Optional<Row> find(long id) {
    return jdbc.query("SELECT id, state, request, view, results FROM jobs WHERE id = ?", (rs, i) -> new Row(
        rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4),
        Optional.ofNullable(rs.getString(5))), id).stream().findFirst();
  }

  /** Every stored job, by id. */
  @Override
  public List<Row> all() {
    return jdbc.query("SELECT id, state, request, view, results FROM jobs ORDER BY id", (rs, i) -> new Row(
        rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4),
        Optional.ofNullable(rs.getString(5))));
  }

  /** Reads one of this store's JSON documents back. */
  @Override
  public <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored job record cannot be read as " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job record cannot be written as JSON", e);
    }
  }
}
