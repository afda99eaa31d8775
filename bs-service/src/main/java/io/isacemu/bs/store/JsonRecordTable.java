package io.isacemu.bs.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One table of records kept as JSON (schema {@code db/bs}): {@code seq} (the number in the id
 * {@code <prefix><seq>}, from a database sequence, never reused), {@code id}, a state column,
 * {@code submitted_at} and the record's JSON. The task and the experiment stores are two of these.
 *
 * @param <T> the record type (a Jackson-mapped Java record)
 */
final class JsonRecordTable<T> {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Class<T> type;
  private final String table;
  private final String sequence;
  private final String prefix;
  private final String stateColumn;
  private final String recordColumn;

  /**
   * @param table table name
   * @param sequence the database sequence of the numbers
   * @param prefix id prefix ({@code t-}, {@code e-})
   * @param stateColumn the column holding the record's state name
   * @param recordColumn the CLOB column holding the JSON
   */
  JsonRecordTable(JdbcTemplate jdbc, ObjectMapper json, Class<T> type, String table, String sequence, String prefix,
      String stateColumn, String recordColumn) {
    this.jdbc = jdbc;
    this.json = json;
    this.type = type;
    this.table = table;
    this.sequence = sequence;
    this.prefix = prefix;
    this.stateColumn = stateColumn;
    this.recordColumn = recordColumn;
  }

  /** The next number; never returned twice, also across restarts (it may skip after a crash). */
  long nextSequence() {
    Long n = jdbc.queryForObject("SELECT NEXT VALUE FOR " + sequence, Long.class);
    if (n == null) {
      throw new IllegalStateException(table + " store: the sequence " + sequence + " returned nothing");
    }
    return n;
  }

  /** Inserts or replaces the record with id {@code id}. */
  void save(String id, String state, Instant submittedAt, T record) {
    jdbc.update("MERGE INTO " + table + " (seq, id, " + stateColumn + ", submitted_at, " + recordColumn
        + ") KEY (id) VALUES (?, ?, ?, ?, ?)", sequenceOf(id), id, state, Timestamp.from(submittedAt), write(id, record));
  }

  Optional<T> find(String id) {
    return jdbc.query("SELECT " + recordColumn + " FROM " + table + " WHERE id = ?", (rs, i) -> read(rs.getString(1)),
        id).stream().findFirst();
  }

  /** Records from {@code offset} (0 = the oldest), at most {@code limit}, oldest first. */
  List<T> page(int offset, int limit) {
    return jdbc.query("SELECT " + recordColumn + " FROM " + table + " ORDER BY seq LIMIT ? OFFSET ?",
        (rs, i) -> read(rs.getString(1)), limit, offset);
  }

  int count() {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    return n == null ? 0 : n;
  }

  /** Records whose state is one of {@code states}, oldest first. */
  List<T> inStates(List<String> states) {
    return jdbc.query("SELECT " + recordColumn + " FROM " + table + " WHERE " + stateColumn + " IN ("
        + placeholders(states.size()) + ") ORDER BY seq", (rs, i) -> read(rs.getString(1)), states.toArray());
  }

  /** The newest {@code limit} records whose state is one of {@code states}, oldest first. */
  List<T> newest(int limit, List<String> states) {
    Object[] args = new Object[states.size() + 1];
    for (int i = 0; i < states.size(); i++) {
      args[i] = states.get(i);
    }
    args[states.size()] = limit;
    List<T> desc = jdbc.query("SELECT " + recordColumn + " FROM " + table + " WHERE " + stateColumn + " IN ("
        + placeholders(states.size()) + ") ORDER BY seq DESC LIMIT ?", (rs, i) -> read(rs.getString(1)), args);
    List<T> asc = new ArrayList<>(desc);
    Collections.reverse(asc);
    return asc;
  }

  /** Deletes the oldest records not in {@code live} states beyond the newest {@code keep}; returns how many. */
  int retain(int keep, List<String> live) {
    Object[] args = new Object[live.size() + 1];
    for (int i = 0; i < live.size(); i++) {
      args[i] = live.get(i);
    }
    args[live.size()] = keep;
    return jdbc.update("DELETE FROM " + table + " WHERE " + stateColumn + " NOT IN (" + placeholders(live.size())
        + ") AND seq <= (SELECT COALESCE(MAX(seq), 0) FROM " + table + ") - ?", args);
  }

  private static String placeholders(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  private long sequenceOf(String id) {
    if (!id.startsWith(prefix)) {
      throw new IllegalArgumentException("id: '" + id + "' is not of the form " + prefix + "<n>");
    }
    return Long.parseLong(id.substring(prefix.length()));
  }

  private String write(String id, T record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(table + " record " + id + " cannot be written as JSON", e);
    }
  }

  private T read(String text) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored " + table + " record cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
