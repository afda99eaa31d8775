package io.isacemu.bs;

import io.isacemu.support.ApiProblems;
import io.isacemu.support.ClockConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The base station + MEC service: device registry, scheduler, gated inference, REST. */
@SpringBootApplication
@EnableConfigurationProperties(BsProperties.class)
@Import({ApiProblems.class, ClockConfiguration.class}) // isac-service-support
public class BsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(BsServiceApplication.class, args);
  }
}
