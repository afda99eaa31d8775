package io.isacemu.results.samples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code samples.csv}, one {@link SampleRecord} a row, UTF-8, RFC 4180; the columns are listed
 * in the module README. Axis columns are {@code axis.<key path>}, the union of the records' keys in
 * first-seen order; a record without a key leaves its cell empty.
 */
public final class SamplesCsv {

  private SamplesCsv() {}

  /** The columns after {@code point} and the axis columns. */
  public static final List<String> FIXED_COLUMNS = List.of(
      "replication", "mode", "task_id", "sample_id", "label", "prediction",
      "correct_acc2_has0", "correct_acc2_non0", "expert",
      "device_ids", "device_units", "device_paths", "device_snr_db",
      "sensing_s", "comm_s", "compute_s", "total_s", "wall_s", "energy_j", "bits", "flops",
      "status", "degradation_reason");

  /** Writes {@code records} to {@code file} (created or replaced). */
  public static void write(Path file, List<SampleRecord> records) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(w, records);
    }
  }

  /** Writes the header and {@code records} to {@code out}. */
  public static void write(Writer out, List<SampleRecord> records) throws IOException {
    Set<String> axes = new LinkedHashSet<>();
    records.forEach(r -> axes.addAll(r.axisValues().keySet()));
    List<String> header = new ArrayList<>();
    header.add("point");
    axes.forEach(a -> header.add("axis." + a));
    header.addAll(FIXED_COLUMNS);
    Csv.row(out, header);
    for (SampleRecord r : records) {
      Csv.row(out, row(r, axes));
    }
  }

  private static List<String> row(SampleRecord r, Set<String> axes) {
    List<String> f = new ArrayList<>();
    f.add(Integer.toString(r.point()));
    axes.forEach(a -> f.add(r.axisValues().getOrDefault(a, "")));
    f.add(Integer.toString(r.replication()));
    f.add(r.mode());
    f.add(r.taskId());
    f.add(r.sampleId());
    f.add(Csv.num(r.label()));
    f.add(r.prediction().isPresent() ? Csv.num(r.prediction().getAsDouble()) : "");
    f.add(bool(r.correctHasZero()));
    f.add(bool(r.correctNonZero()));
    f.add(r.expert().orElse(""));
    f.add(r.devices().stream().map(DeviceUse::deviceId).collect(Collectors.joining(";")));
    f.add(r.devices().stream().map(d -> Integer.toString(d.units())).collect(Collectors.joining(";")));
    f.add(r.devices().stream().map(d -> d.path().csv()).collect(Collectors.joining(";")));
    f.add(r.devices().stream().map(d -> Csv.num(d.snrDb())).collect(Collectors.joining(";")));
    SampleCost c = r.cost();
    f.add(Csv.num(c.sensingSeconds()));
    f.add(Csv.num(c.commSeconds()));
    f.add(Csv.num(c.computeSeconds()));
    f.add(Csv.num(c.totalSeconds()));
    f.add(Csv.num(c.wallSeconds()));
    f.add(Csv.num(c.energyJoules()));
    f.add(Long.toString(c.bits()));
    f.add(Csv.num(c.flops()));
    f.add(r.status().csv());
    f.add(r.degradationReason().orElse(""));
    return f;
  }

  private static String bool(Optional<Boolean> b) {
    return b.map(v -> v ? "true" : "false").orElse("");
  }
}
