package dev.apogee.namesrv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Start-up settings of a name server, fixed once it runs. The few settings that may change at run
 * time live in {@link dev.apogee.namesrv.config.RuntimeSettings}.
 *
 * @param bindAddress        address to listen on
 * @param port               port to listen on; 0 picks a free one
 * @param dataDir            data directory; the KV config lives in {@code <dataDir>/namesrv}
 * @param brokerExpiry       silence after which a broker that did not state its own timeout is removed
 * @param expiryScanInterval how often silent brokers are looked for
 * @param routeThreads       threads answering route lookups (the busiest requests)
 * @param brokerThreads      threads handling broker registrations and heartbeats
 * @param adminThreads       threads for each of the admin families (cluster, KV, config)
 * @param queueCapacity      requests each family may queue before answering SYSTEM_BUSY
 */
public record NamesrvConfig(String bindAddress, int port, Path dataDir, Duration brokerExpiry,
                            Duration expiryScanInterval, int routeThreads, int brokerThreads, int adminThreads,
                            int queueCapacity) {

    /** The official name server's port. */
    public static final int DEFAULT_PORT = 9876;
    /** The official default: four missed 30 s registrations. */
    public static final Duration DEFAULT_BROKER_EXPIRY = Duration.ofSeconds(120);

    public NamesrvConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(brokerExpiry, "brokerExpiry");
        Objects.requireNonNull(expiryScanInterval, "expiryScanInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        if (brokerExpiry.toMillis() <= 0 || expiryScanInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("broker expiry and scan interval must be positive");
        }
        if (routeThreads < 1 || brokerThreads < 1 || adminThreads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("thread counts and queue capacity must be positive");
        }
    }

    /** Defaults: all interfaces, port 9876, {@code ./data}, 120 s expiry scanned every 5 s. */
    public static NamesrvConfig defaults() {
        return new NamesrvConfig("0.0.0.0", DEFAULT_PORT, Path.of("data"), DEFAULT_BROKER_EXPIRY,
                Duration.ofSeconds(5), 8, 4, 2, 10_000);
    }

    public NamesrvConfig withBindAddress(String address) {
        return new NamesrvConfig(address, port, dataDir, brokerExpiry, expiryScanInterval, routeThreads,
                brokerThreads, adminThreads, queueCapacity);
    }

    public NamesrvConfig withPort(int newPort) {
        return new NamesrvConfig(bindAddress, newPort, dataDir, brokerExpiry, expiryScanInterval, routeThreads,
                brokerThreads, adminThreads, queueCapacity);
    }

    public NamesrvConfig withDataDir(Path dir) {
        return new NamesrvConfig(bindAddress, port, dir, brokerExpiry, expiryScanInterval, routeThreads,
                brokerThreads, adminThreads, queueCapacity);
    }

    /** Sets the broker expiry and scans four times per expiry period, at most every 5 s. */
    public NamesrvConfig withBrokerExpiry(Duration expiry) {
        Duration scan = expiry.dividedBy(4);
        Duration cappedScan = scan.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                : scan.isZero() ? Duration.ofMillis(1) : scan;
        return new NamesrvConfig(bindAddress, port, dataDir, expiry, cappedScan, routeThreads, brokerThreads,
                adminThreads, queueCapacity);
    }

    /** The KV config directory, {@code <dataDir>/namesrv}. */
    public Path kvDirectory() {
        return dataDir.resolve("namesrv");
    }
}
