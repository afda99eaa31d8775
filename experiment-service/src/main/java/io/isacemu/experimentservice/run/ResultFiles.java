package io.isacemu.experimentservice.run;

import io.isacemu.support.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of an experiment a client may fetch: the run's result files by their fixed names and
 * {@code plots/NAME.png|svg}. A name is matched against that list before it touches the file system,
 * so {@code ..}, encoded dots and absolute names can name nothing else; the resolved path is checked
 * to stay in the experiment's directory as well.
 */
public final class ResultFiles {

  /** The run's files ({@code ScenarioRun} and isac-results), plus the posted scenario as given. */
  public static final List<String> NAMES = List.of("summary.csv", "summary.json", "samples.csv", "points.json",
      "run.json", "report.html", "scenario.yaml", Experiments.POSTED);

  private static final Pattern PLOT = Pattern.compile("plots/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\\.(png|svg)");

  private ResultFiles() {}

  /** The file {@code name} of the experiment in {@code dir}; 404 for a name not on the list or not (yet) written. */
  public static Path resolve(Path dir, String name) {
    boolean allowed = NAMES.contains(name) || (PLOT.matcher(name).matches() && !name.contains(".."));
    Path base = dir.toAbsolutePath().normalize();
    Path f = base.resolve(name).normalize();
    if (!allowed || !f.startsWith(base) || !Files.isRegularFile(f)) {
      throw new NotFoundException("file '" + name + "': not a result file of this experiment (one of " + NAMES
          + " or plots/NAME.png|svg, once written)");
    }
    return f;
  }

  /** The files written so far, in {@link #NAMES} order, then the plots. */
  public static List<String> present(Path dir) {
    List<String> out = new ArrayList<>(NAMES.stream().filter(n -> Files.isRegularFile(dir.resolve(n))).toList());
    Path plots = dir.resolve("plots");
    if (Files.isDirectory(plots)) {
      try (Stream<Path> all = Files.list(plots)) {
        all.map(p -> "plots/" + p.getFileName()).filter(n -> PLOT.matcher(n).matches()).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
