package io.isacemu.bs.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.isacemu.bs.task.Experiment;
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

  private final JsonRecordTable<Experiment> table;

  public ExperimentStore(JdbcTemplate jdbc, ObjectMapper json) {
    this.table = new JsonRecordTable<>(jdbc, json, Experiment.class, "experiments", "experiment_ids", "e-", "state",
        "record");
  }

  /** The next experiment number; never returned twice, also across restarts. */
  public long nextSequence() {
    return table.nextSequence();
  }

  /** Inserts or replaces the record of {@code e} (its number is the one in its id {@code e-<n>}). */
  public void save(Experiment e) {
    table.save(e.id(), e.state().name(), e.submittedAt(), e);
  }

  public Optional<Experiment> find(String id) {
    return table.find(id);
  }

  /** Records from {@code offset} (0 = the oldest), at most {@code limit}, oldest first. */
  public List<Experiment> page(int offset, int limit) {
    return table.page(offset, limit);
  }

  public int count() {
    return table.count();
  }

  /** Records not ended (QUEUED or RUNNING), oldest first: after a restart, those a crash interrupted. */
  public List<Experiment> unfinished() {
    return table.inStates(List.of("QUEUED", "RUNNING"));
  }
}
