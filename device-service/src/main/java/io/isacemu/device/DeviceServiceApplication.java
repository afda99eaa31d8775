package io.isacemu.device;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The device service: emulates the devices configured under {@code isac.device} and attaches
 * each to the BS over {@code DeviceLink.Attach}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.context.annotation.Import(io.isacemu.support.ApiProblems.class) // isac-service-support
public class DeviceServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeviceServiceApplication.class, args);
  }
}
