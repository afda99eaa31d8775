package io.isacemu.demo;

import io.isacemu.experiments.Endpoints;
import io.isacemu.experiments.ScenarioOverrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The demo's command line, validated: {@code --name value} pairs, each bad value reported with its
 * option's name.
 *
 * @param repo the repository holding the built service jars
 * @param out where Table I and the service logs go
 * @param samples test samples per row, ≥ 1 (≤ 600 on the synthetic default; a pickle's test size is checked
 *     against the BS's {@code /api/dataset} once the services run)
 * @param epochs epochs per training stage
 * @param deployLambda the deployed gate's λ, one of {@link #LAMBDAS}
 * @param attach the running services' URLs; empty = start every service here as a JVM
 * @param apiKey the services' API key: random when starting them, given when attaching
 * @param dataset the data every service reads: the synthetic default or one pickle ({@code --dataset})
 * @param scenario the scenario file given as the first argument; empty = today's demo (Table I)
 * @param given the options given on the command line (they override the scenario's values)
 */
record DemoArgs(Path repo, Path out, int samples, int epochs, double deployLambda, Optional<Endpoints> attach,
    String apiKey, DemoDataset dataset, Optional<Path> scenario, Set<String> given) {

  /** The λ sweep of the training job; the deployed gate is one of them. */
  static final List<Double> LAMBDAS = List.of(0.0, 0.3, 0.5, 0.7, 1.0);

  static final List<String> OPTIONS =
      List.of("samples", "epochs", "lambda", "out", "repo", "training-url", "bs-url", "api-key", "dataset",
          "drop-all-zero-text", "format", "clip-labels", "splits");

  DemoArgs {
    if (!LAMBDAS.contains(deployLambda)) {
      throw new IllegalArgumentException("lambda: " + deployLambda + " is not one of " + LAMBDAS);
    }
    given = Set.copyOf(given);
  }

  /** Without the API key: it must not reach a log. */
  @Override
  public String toString() {
    return "DemoArgs[repo=" + repo + ", out=" + out + ", samples=" + samples + ", epochs=" + epochs
        + ", deployLambda=" + deployLambda + ", attach=" + attach + ", dataset=" + dataset
        + ", scenario=" + scenario + "]";
  }

  /** The options given on the command line that override a scenario file's values. */
  ScenarioOverrides overrides() {
    return new ScenarioOverrides(given.contains("samples") ? Optional.of(samples) : Optional.empty(),
        given.contains("epochs") ? Optional.of(epochs) : Optional.empty(),
        given.contains("lambda") ? Optional.of(deployLambda) : Optional.empty());
  }

  /** Local mode: every service started here, with a fresh random API key. */
  static DemoArgs local(Path repo, Path out, int samples, int epochs, double deployLambda) {
    return new DemoArgs(repo, out, samples, epochs, deployLambda, Optional.empty(), UUID.randomUUID().toString(),
        DemoDataset.SYNTHETIC, Optional.empty(), Set.of());
  }

  /** Local mode on a scenario file; {@code given} = the options that override its values. */
  static DemoArgs scenario(Path repo, Path out, Path scenario, int samples, int epochs, Set<String> given) {
    return new DemoArgs(repo, out, samples, epochs, 0.5, Optional.empty(), UUID.randomUUID().toString(),
        DemoDataset.SYNTHETIC, Optional.of(scenario), given);
  }

  /**
   * The arguments of {@code main}.
   *
   * @param env the environment, for {@code BS_API_KEY}
   * @throws IllegalArgumentException naming the option and the value at fault
   */
  static DemoArgs parse(String[] args, Map<String, String> env) {
    // one optional scenario file among the --name value pairs (run.sh puts --repo . before it)
    Optional<Path> scenario = Optional.empty();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        rest.add(args[i]);
        if (i + 1 < args.length) {
          rest.add(args[++i]);
        }
      } else if (scenario.isEmpty()) {
        scenario = Optional.of(Path.of(args[i]));
      } else {
        throw new IllegalArgumentException("arguments: one scenario file at most, got '" + scenario.get() + "' and '"
            + args[i] + "'");
      }
    }
    Map<String, String> opts = options(rest.toArray(String[]::new));
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
    Path out = Path.of(opts.getOrDefault("out", repo.resolve("results").toString())).toAbsolutePath();
    int samples = positive("samples", opts.getOrDefault("samples", "200"));
    int epochs = positive("epochs", opts.getOrDefault("epochs", "20"));
    double lambda = lambda(opts.getOrDefault("lambda", "0.5"));
    Optional<Endpoints> attach = attach(opts);
    DemoDataset dataset = dataset(opts, attach.isEmpty());
    if (dataset.isSynthetic() && samples > DemoDataset.SYNTHETIC_TEST_SIZE) {
      throw new IllegalArgumentException("samples: " + samples + " exceeds the 600 test samples of the embedded default");
    }
    if (!dataset.isSynthetic() && scenario.isPresent()) {
      throw new IllegalArgumentException("dataset: a scenario names its data in its own dataset section; "
          + "--dataset runs the default experiment on a pickle");
    }
    String apiKey = attach.isEmpty() ? UUID.randomUUID().toString()
        : opts.getOrDefault("api-key", env.getOrDefault("BS_API_KEY", ""));
    if (attach.isPresent() && scenario.isPresent()) {
      throw new IllegalArgumentException("bs-url: a scenario runs on the services this demo starts; attach mode"
          + " (--training-url/--bs-url) does not take a scenario yet");
    }
    if (attach.isPresent() && apiKey.isBlank()) {
      throw new IllegalArgumentException("api-key: empty; attach mode needs the BS's API key (--api-key or BS_API_KEY)");
    }
    Optional<Path> file = scenario.map(p -> p.isAbsolute() ? p : Path.of("").toAbsolutePath().resolve(p).normalize());
    return new DemoArgs(repo, out, samples, epochs, lambda, attach, apiKey, dataset, file, opts.keySet());
  }

  /**
   * {@code --dataset PATH [--drop-all-zero-text true|false] [--format auto|multibench|mmsa] [--clip-labels
   * true|false] [--splits valid=dev,...]}; no {@code --dataset} = the synthetic default.
   */
  static DemoDataset dataset(Map<String, String> opts, boolean local) {
    boolean drop = bool(opts, "drop-all-zero-text");
    boolean clip = bool(opts, "clip-labels");
    if (!opts.containsKey("dataset")) {
      for (String o : List.of("drop-all-zero-text", "format", "clip-labels", "splits")) {
        if (opts.containsKey(o)) {
          throw new IllegalArgumentException(o + ": only meaningful with --dataset");
        }
      }
      return DemoDataset.SYNTHETIC;
    }
    String format = opts.getOrDefault("format", "auto").strip();
    return DemoDataset.pickle(opts.get("dataset"), drop, local).with(format, clip)
        .withSplits(splits(opts.getOrDefault("splits", "")));
  }

  /** {@code --splits valid=dev,test=eval}: split role → the file's top-level key. */
  private static Map<String, String> splits(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("splits: '" + value + "' must be role=key pairs, e.g. valid=dev,test=test");
      }
      out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return out;
  }

  private static boolean bool(Map<String, String> opts, String name) {
    String v = opts.getOrDefault(name, "false").strip();
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(name + ": '" + v + "' must be true or false");
    }
    return Boolean.parseBoolean(v);
  }

  /** The {@code --name value} pairs, names checked against {@link #OPTIONS}. */
  static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("arguments: expected --name value pairs, got '" + a + "'");
      }
      String key = a.substring(2);
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException("arguments: unknown option '--" + key + "' (known: --"
            + String.join(" --", OPTIONS) + ")");
      }
      m.put(key, args[++i]);
    }
    return m;
  }

  /** Attach mode needs both URLs; one without the other is a mistake, not a hint. */
  static Optional<Endpoints> attach(Map<String, String> opts) {
    boolean t = opts.containsKey("training-url"), b = opts.containsKey("bs-url");
    if (t != b) {
      throw new IllegalArgumentException((t ? "bs-url" : "training-url")
          + ": missing; attach mode needs both --training-url and --bs-url");
    }
    return t ? Optional.of(new Endpoints(opts.get("training-url"), opts.get("bs-url"))) : Optional.empty();
  }

  static double lambda(String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lambda: '" + v + "' is not a number", e);
    }
  }

  static int positive(String field, String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new IllegalArgumentException(field + ": " + n + " must be >= 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + v + "' is not an integer", e);
    }
  }
}
