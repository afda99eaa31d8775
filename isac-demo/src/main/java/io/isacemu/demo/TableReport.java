package io.isacemu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Table I's output: printed on stdout, written as {@code table1.json} and {@code table1.csv}. */
final class TableReport {

  private final DemoLog log;

  TableReport(DemoLog log) {
    this.log = log;
  }

  /**
   * @param trainingRows the training service's own table, kept beside the online rows in the JSON
   */
  void write(DemoArgs args, List<ResultTable.Row> rows, JsonNode trainingRows) throws IOException {
    System.out.println();
    System.out.println("Table I (extended) — online, through the emulated network: " + args.samples()
        + " test samples per row, one sample per task; latency modelled (emulated s), energy per task (devices), bits over the air per task");
    System.out.print(ResultTable.format(rows));
    Path out = args.out();
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("rows", rows);
    all.put("trainingTable", trainingRows);
    all.put("samplesPerRow", args.samples());
    all.put("epochs", args.epochs());
    all.put("deployLambda", args.deployLambda());
    Files.writeString(out.resolve("table1.json"), json.writeValueAsString(all));
    Files.writeString(out.resolve("table1.csv"), ResultTable.csv(rows));
    log.say("wrote %s and %s", out.resolve("table1.json"), out.resolve("table1.csv"));
  }
}
