package io.isacemu.device.config;

import io.isacemu.device.emulator.DeviceSpec;
import io.isacemu.device.link.DeviceAgent;
import io.isacemu.support.ConflictException;
import io.isacemu.support.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices of this process, changeable at run time (the fleet API): add, re-create with a new
 * spec, remove, or re-create all with new radio settings. A device keeps its platform index (its
 * seeded channel and mobility stream) when re-created; an added one takes the next free index. A
 * device with a command in flight is not changed (409): the scenario runner changes things only
 * between points. Started and closed with the application context; thread-safe (synchronized).
 */
public final class DeviceFleet implements AutoCloseable {

  /** One device: its agent and its platform index. */
  public record Member(DeviceAgent agent, int index) {}

  private final DeviceFactory factory;
  private final Map<String, Member> members = new LinkedHashMap<>();
  // every id this process has held → its Register token: a re-created or re-added id keeps its own
  private final Map<String, String> tokens = new java.util.HashMap<>();
  private int nextIndex;
  private boolean started;

  /** The configured devices, in configuration order (index = position). */
  DeviceFleet(DeviceFactory factory, List<DeviceSpec> specs) {
    this.factory = factory;
    for (int i = 0; i < specs.size(); i++) {
      DeviceSpec spec = specs.get(i);
      members.put(spec.deviceId(), new Member(factory.create(spec, i, "isac.device.devices[" + i + "]"), i));
      tokens.put(spec.deviceId(), spec.authToken());
    }
    nextIndex = specs.size();
  }

  /** The agents, in order of addition. */
  public synchronized List<DeviceAgent> agents() {
    return members.values().stream().map(Member::agent).toList();
  }

  /** The devices, in order of addition. */
  public synchronized List<Member> members() {
    return List.copyOf(members.values());
  }

  /** The radio settings the devices run with. */
  public synchronized DeviceProperties.Radio radio() {
    return factory.radio();
  }

  /**
   * The token device {@code id} presents when a fleet API request names none: the one it had when
   * this process last held it (the BS may know that id by its own token), else the shared token.
   */
  public synchronized String defaultToken(String id) {
    return tokens.getOrDefault(id, factory.sharedAuthToken());
  }

  /** Starts every device's attach loop. */
  public synchronized void start() {
    started = true;
    members.values().forEach(m -> m.agent().start());
  }

  /**
   * Adds and starts a device.
   *
   * @throws ConflictException when the id is taken
   */
  public synchronized Member add(DeviceSpec spec) {
    if (members.containsKey(spec.deviceId())) {
      throw new ConflictException("id: '" + spec.deviceId() + "' is already a device of this process");
    }
    Member m = new Member(factory.create(spec, nextIndex, "device"), nextIndex);
    nextIndex++;
    members.put(spec.deviceId(), m);
    tokens.put(spec.deviceId(), spec.authToken());
    startIfRunning(m);
    return m;
  }

  /**
   * Closes the device (its session ends at the BS) and re-creates it with {@code spec} at the same
   * index; the new agent registers afresh.
   *
   * @throws NotFoundException unknown id; {@link ConflictException} when it has a command in flight
   *     or {@code spec} renames it
   */
  public synchronized Member replace(String id, DeviceSpec spec) {
    Member old = idle(id);
    if (!spec.deviceId().equals(id)) {
      throw new ConflictException("id: '" + spec.deviceId() + "' differs from the device's id '" + id
          + "' (delete and add to rename)");
    }
    DeviceAgent fresh = factory.create(spec, old.index(), "device");
    old.agent().close();
    Member m = new Member(fresh, old.index());
    members.put(id, m);
    tokens.put(id, spec.authToken());
    startIfRunning(m);
    return m;
  }

  /** Closes and forgets the device. */
  public synchronized void remove(String id) {
    idle(id).agent().close();
    members.remove(id);
  }

  /**
   * Re-creates every device with {@code radio} (the cell's B_min, noise figure, M, shadowing,
   * fading); each registers afresh, so the BS sees the new settings in Register.
   *
   * @throws ConflictException when a device has a command in flight (nothing is changed then)
   */
  public synchronized void retuneRadio(DeviceProperties.Radio radio) {
    for (String id : members.keySet()) {
      idle(id);
    }
    DeviceProperties.Radio before = factory.radio();
    factory.radio(radio);
    List<Member> fresh = new ArrayList<>();
    try {
      for (Member old : members.values()) {
        fresh.add(new Member(factory.create(old.agent().emulator().spec(), old.index(), "device"), old.index()));
      }
    } catch (RuntimeException e) {
      factory.radio(before);
      throw e;
    }
    for (Member m : fresh) {
      members.get(m.agent().deviceId()).agent().close();
      members.put(m.agent().deviceId(), m);
      startIfRunning(m);
    }
  }

  private Member idle(String id) {
    Member m = members.get(id);
    if (m == null) {
      throw new NotFoundException("device '" + id + "' is not a device of this process");
    }
    if (m.agent().busy()) {
      throw new ConflictException("device '" + id + "' has a command in flight; change it between tasks");
    }
    return m;
  }

  private void startIfRunning(Member m) {
    if (started) {
      m.agent().start();
    }
  }

  /** Half-closes every session and stops the agents. */
  @Override
  public synchronized void close() {
    members.values().forEach(m -> m.agent().close());
  }
}
