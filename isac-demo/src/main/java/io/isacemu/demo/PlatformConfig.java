package io.isacemu.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link LocalPlatform} starts beyond its fixed wiring (ports, keys, tokens, data dirs): extra
 * bs-service arguments, extra arguments of every device-service, and the device JVMs with their
 * devices.
 *
 * @param bsArgs extra {@code --name=value} arguments of bs-service
 * @param deviceArgs extra arguments of every device-service
 * @param jvms one device-service per entry, at least one
 */
record PlatformConfig(List<String> bsArgs, List<String> deviceArgs, List<DeviceJvm> jvms) {

  /**
   * One device-service JVM.
   *
   * @param name its log and process name, e.g. {@code device-service-video}
   * @param devices its devices, at least one
   */
  record DeviceJvm(String name, List<Device> devices) {
    DeviceJvm {
      devices = List.copyOf(devices);
      if (devices.isEmpty()) {
        throw new IllegalArgumentException("devices: [] a device-service needs at least one device");
      }
    }
  }

  /**
   * One emulated device.
   *
   * @param id its id at the BS
   * @param props its {@code isac.device.devices[i].*} settings as {@code key=value}, e.g. {@code tx-power-dbm=23}
   */
  record Device(String id, List<String> props) {
    Device {
      props = List.copyOf(props);
    }
  }

  PlatformConfig {
    bsArgs = List.copyOf(bsArgs);
    deviceArgs = List.copyOf(deviceArgs);
    jvms = List.copyOf(jvms);
    if (jvms.isEmpty()) {
      throw new IllegalArgumentException("jvms: [] the platform needs at least one device-service");
    }
  }

  /** Today's demo: the three devices of {@link LocalPlatform#DEVICES}, nothing extra. */
  static final PlatformConfig DEMO = demo();

  /** Devices over all JVMs. */
  int deviceCount() {
    return jvms.stream().mapToInt(j -> j.devices().size()).sum();
  }

  private static PlatformConfig demo() {
    List<DeviceJvm> jvms = new ArrayList<>();
    for (String[] d : LocalPlatform.DEVICES) {
      jvms.add(new DeviceJvm("device-service-" + d[1], List.of(new Device(d[0], demoProps(d)))));
    }
    return new PlatformConfig(List.of(), List.of("--isac.device.radio.bs-antennas=4"), jvms);
  }

  /** The settings of a demo device {@code d} (id, modality, rate, x, y) as DemoLauncher has always started it. */
  static List<String> demoProps(String[] d) {
    return List.of("modality=" + d[1], "sensing-rate-bps=" + d[2], "tx-power-dbm=23", "cpu-hz=1.0e9",
        "flops-per-cycle=8", "x-m=" + d[3], "y-m=" + d[4], "mobility.type=random-waypoint",
        "mobility.min-speed-mps=0.5", "mobility.max-speed-mps=1.5", "mobility.pause-s=1", "mobility.cell-radius-m=200");
  }
}
