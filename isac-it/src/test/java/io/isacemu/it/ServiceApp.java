package io.isacemu.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

/**
 * Starts one of the real Spring Boot services in this JVM with its own configuration.
 *
 * <p>Why not plain {@code SpringApplication.run}: every service ships {@code application.yml} at the
 * root of its jar, and with all three on one classpath {@code classpath:application.yml} is whichever
 * jar comes first. So each service's own file is read from its own jar (found through the code
 * source of its application class) and given as default properties, and Spring's config-file lookup
 * is pointed at a name no jar has. The overrides come as command-line arguments, which win over both.
 */
final class ServiceApp {

  private ServiceApp() {}

  /**
   * Runs {@code application} with its own {@code application.yml} as defaults and {@code overrides}
   * (property name → value) on top.
   */
  static ConfigurableApplicationContext start(Class<?> application, Map<String, ?> overrides) {
    List<String> args = new ArrayList<>();
    args.add("--spring.config.name=isac-it-no-config-file");
    args.add("--spring.main.banner-mode=off");
    // each context's meters stay in its own registry (the global one would mix the services)
    args.add("--management.metrics.use-global-registry=false");
    // the log pattern is global to the JVM: the last service started would name every line
    args.add("--logging.include-application-name=false");
    overrides.forEach((k, v) -> args.add("--" + k + "=" + v));
    return new SpringApplicationBuilder(application)
        .properties(ownConfiguration(application))
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
  }

  /** The HTTP port the context's embedded server listens on. */
  static int httpPort(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The flattened {@code application.yml} from the jar (or classes directory) of {@code application}. */
  static Map<String, Object> ownConfiguration(Class<?> application) {
    String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
    try {
      List<URL> mine = new ArrayList<>();
      for (URL u : Collections.list(application.getClassLoader().getResources("application.yml"))) {
        if (u.toString().contains(home)) {
          mine.add(u);
        }
      }
      if (mine.size() != 1) {
        throw new IllegalStateException(application.getSimpleName() + ": expected one application.yml in " + home
            + ", found " + mine);
      }
      Map<String, Object> flat = new LinkedHashMap<>();
      for (PropertySource<?> ps : new YamlPropertySourceLoader().load(application.getSimpleName(),
          new UrlResource(mine.get(0)))) {
        if (!(ps instanceof EnumerablePropertySource<?> e)) {
          throw new IllegalStateException(ps.getName() + ": not enumerable");
        }
        for (String name : e.getPropertyNames()) {
          flat.putIfAbsent(name, e.getProperty(name));
        }
      }
      return flat;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
