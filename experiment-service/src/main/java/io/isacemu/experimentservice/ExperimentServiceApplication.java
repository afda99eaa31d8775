package io.isacemu.experimentservice;

import io.isacemu.support.ApiProblems;
import io.isacemu.support.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Experiments as code over REST: a posted scenario file runs on the running platform (isac-experiments). */
@SpringBootApplication
@EnableConfigurationProperties(ExperimentProperties.class)
@Import({ApiProblems.class, ClockConfiguration.class}) // isac-service-support
public class ExperimentServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExperimentServiceApplication.class, args);
  }
}
