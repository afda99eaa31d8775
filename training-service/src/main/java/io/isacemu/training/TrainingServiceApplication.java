package io.isacemu.training;

import io.isacemu.support.ApiProblems;
import io.isacemu.support.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Training service: runs training jobs one at a time, publishes model bundles, serves them over gRPC. */
@SpringBootApplication
@EnableConfigurationProperties(TrainingProperties.class)
@Import({ApiProblems.class, ClockConfiguration.class}) // isac-service-support
public class TrainingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrainingServiceApplication.class, args);
  }
}
