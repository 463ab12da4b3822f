package dev.apogee.jms.it;

import dev.apogee.broker.testing.ApogeeCluster;
import dev.apogee.jms.ApogeeConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** One in-process broker for every IT of the JVM (started on first use, stopped at JVM exit). */
final class JmsCluster {

    private static ApogeeCluster cluster;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private JmsCluster() {
    }

    static synchronized ApogeeCluster cluster() throws Exception {
        if (cluster == null) {
            Path dir = Files.createTempDirectory("apogee-jms-it");
            cluster = ApogeeCluster.start(dir, config -> config);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "apogee-jms-it-stop"));
        }
        return cluster;
    }

    /** A factory with test timings: short polls, short invisible time. */
    static ApogeeConnectionFactory factory() throws Exception {
        ApogeeConnectionFactory factory = new ApogeeConnectionFactory("apogee://" + cluster().namesrvAddress());
        factory.setPollTimeoutMillis(200);
        factory.setInvisibleTimeMillis(3_000);
        factory.setReleaseDelayMillis(200);
        return factory;
    }

    /** A destination name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime() & 0xfffffff, 36);
    }
}
