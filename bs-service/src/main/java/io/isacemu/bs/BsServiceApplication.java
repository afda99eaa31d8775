package io.isacemu.bs;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The base station + MEC service: device registry, scheduler, gated inference, REST. */
@SpringBootApplication
@EnableConfigurationProperties(BsProperties.class)
public class BsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(BsServiceApplication.class, args);
  }

  /** Wall clock of the service; tests replace it with a fixed or mutable clock. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
