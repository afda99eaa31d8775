package io.isacemu.training;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Training service: runs training jobs one at a time, publishes model bundles, serves them over gRPC. */
@SpringBootApplication
@EnableConfigurationProperties(TrainingProperties.class)
public class TrainingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrainingServiceApplication.class, args);
  }
}
