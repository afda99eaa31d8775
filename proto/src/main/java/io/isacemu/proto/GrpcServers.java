package io.isacemu.proto;

import io.grpc.Server;
import java.util.concurrent.TimeUnit;

/** Server-side helpers shared by the services that serve these contracts. */
public final class GrpcServers {

  private GrpcServers() {}

  /**
   * Stops {@code server}: refuses new calls, gives running ones {@code graceMillis} (≥ 0) to finish,
   * then cancels what is left (long-lived streams never end on their own) and waits as long again.
   */
  public static void stop(Server server, long graceMillis) {
    server.shutdown();
    try {
      if (!server.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
        server.shutdownNow().awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
