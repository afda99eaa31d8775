package io.isacemu.training.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the job service keeps its job records: {@link JobStore} (the SQL database) in the service,
 * {@link #inMemory} in unit tests.
 */
public interface JobRecords {

  /** One stored job: its id and state, and its JSON documents. */
  record Row(long id, String state, Optional<String> request, String view, Optional<String> results) {}

  /** The next job id; never returned twice. */
  long nextId();

  /** Inserts or replaces job {@code id}; {@code request}, {@code view} and {@code results} as JSON. */
  void save(long id, String state, Optional<?> request, Object view, Optional<?> results);

  Optional<Row> find(long id);

  /** Every stored job, by id. */
  List<Row> all();

  /** Reads one of the stored JSON documents back. */
  <T> T read(String text, Class<T> type);

  /** Records in this JVM's memory (tests; a "restart" is a second service on the same records). */
  static JobRecords inMemory(ObjectMapper json) {
    return new JobRecords() {
      private final Map<Long, Row> rows = new TreeMap<>();
      private long next = 1;

      @Override
      public synchronized long nextId() {
        return next++;
      }

      @Override
      public synchronized void save(long id, String state, Optional<?> request, Object view, Optional<?> results) {
        rows.put(id, new Row(id, state, request.map(this::write), write(view), results.map(this::write)));
      }

      @Override
      public synchronized Optional<Row> find(long id) {
        return Optional.ofNullable(rows.get(id));
      }

      @Override
      public synchronized List<Row> all() {
        return List.copyOf(rows.values());
      }

      @Override
      public <T> T read(String text, Class<T> type) {
        try {
          return json.readValue(text, type);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e.getOriginalMessage(), e);
        }
      }

      private String write(Object value) {
        try {
          return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e.getOriginalMessage(), e);
        }
      }
    };
  }
}
