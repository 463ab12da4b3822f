package dev.apogee.anchors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The real Apache RocketMQ name server and broker (one master), each in a child JVM on the jars of
 * {@link ApacheLib}, on 127.0.0.1 and free ports, with everything they write under one work directory:
 *
 * <pre>
 *   namesrv.conf, broker.conf           what they were started with
 *   apache-namesrv.log, apache-broker.log   their stdout and stderr (a restarted broker appends)
 *   logs/rocketmqlogs/                  their own logback files (user.home points here)
 *   store/                              the broker's store, kept across restarts
 * </pre>
 *
 * Their settings are the stock ones except where a test machine needs otherwise: loopback addresses,
 * free ports, a private store and home, smaller commit-log files, room on a nearly full disk, topics
 * created on first send, and what {@link Options} asks for. {@link #start} returns once the name server
 * is up, the broker has booted and the name server lists it: clients can find it right away.
 * {@link #close()} stops both; the work directory is the caller's to delete.
 */
public final class ApacheRocketMq implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ApacheRocketMq.class);

    static final String NAMESRV_MAIN = "org.apache.rocketmq.namesrv.NamesrvStartup";
    static final String BROKER_MAIN = "org.apache.rocketmq.broker.BrokerStartup";
    /** Printed by NamesrvStartup once the name server listens. */
    private static final String NAMESRV_READY = "The Name Server boot success";
    /** Printed by BrokerStartup after the broker started and sent its first registration. */
    private static final String BROKER_READY = "] boot success";

    private static final String CLUSTER = "DefaultCluster";
    private static final String BROKER = "broker-a";

    private final Path workDir;
    private final Options options;
    private final ApacheLib lib;
    private final int namesrvPort;
    private final int brokerPort;
    private ChildProcess namesrv;
    private ChildProcess broker;
    private boolean closed;

    private ApacheRocketMq(Path workDir, Options options, ApacheLib lib, int namesrvPort, int brokerPort) {
        this.workDir = workDir;
        this.options = options;
        this.lib = lib;
        this.namesrvPort = namesrvPort;
        this.brokerPort = brokerPort;
    }

    /**
     * Starts a name server, then a broker registered with it, and waits for both (the name server must
     * be up first: a broker that misses it on start registers again only 30 s later).
     *
     * @param workDir created if missing; holds configuration, logs and store (see the class comment)
     * @throws IOException if the jars are missing or a server does not boot within
     *                     {@link Options#startTimeout()}; the message carries the tail of its output, and
     *                     whatever was started is stopped again
     */
    public static ApacheRocketMq start(Path workDir, Options options) throws IOException {
        ApacheLib lib = options.lib();
        if (lib == null) {
            lib = ApacheLib.locate();
        } else {
            lib.check("Options.lib");
        }
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        int namesrvPort = FreePorts.any();
        int brokerPort;
        do {
            // The broker also binds its port - 2 (VIP channel) and + 1 (HA).
            brokerPort = FreePorts.withNeighbours(2, 1);
        } while (namesrvPort >= brokerPort - 2 && namesrvPort <= brokerPort + 1);
        ApacheRocketMq servers = new ApacheRocketMq(dir, options, lib, namesrvPort, brokerPort);
        long started = System.nanoTime();
        try {
            servers.writeConfiguration();
            servers.startNamesrv();
            servers.startBroker();
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
        LOG.info("Apache RocketMQ {}: name server {}, broker {} up after {} ms in {}", lib.version(),
                servers.namesrvAddress(), servers.brokerAddress(), (System.nanoTime() - started) / 1_000_000, dir);
        return servers;
    }

    /** {@link #start(Path, Options)} with {@link Options#defaults()}. */
    public static ApacheRocketMq start(Path workDir) throws IOException {
        return start(workDir, Options.defaults());
    }

    private void writeConfiguration() throws IOException {
        writeLines(namesrvConf(), List.of("listenPort=" + namesrvPort, "bindAddress=127.0.0.1"));
        List<String> conf = new ArrayList<>(List.of(
                "brokerClusterName=" + CLUSTER,
                "brokerName=" + BROKER,
                "brokerId=0",
                "brokerRole=ASYNC_MASTER",
                "listenPort=" + brokerPort,
                "bindAddress=127.0.0.1",
                "brokerIP1=127.0.0.1",
                "storePathRootDir=" + storeDir(),
                "mappedFileSizeCommitLog=" + options.segmentBytes(),
                // Test disks are often nearly full; the stock 75 % would refuse every write there.
                "diskMaxUsedSpaceRatio=95",
                "flushDiskType=" + options.flush(),
                "autoCreateTopicEnable=true",
                "enablePropertyFilter=" + options.propertyFilter()));
        if (options.transactionCheckInterval() != null) {
            conf.add("transactionCheckInterval=" + options.transactionCheckInterval().toMillis());
        }
        // Last, so that they win over the lines above (a later key replaces an earlier one).
        conf.addAll(options.brokerConf());
        writeLines(brokerConf(), conf);
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join(System.lineSeparator(), lines) + System.lineSeparator(),
                StandardCharsets.UTF_8);
    }

    private void startNamesrv() throws IOException {
        namesrv = ChildProcess.start("apache-namesrv", jvm(options.namesrvHeap(), List.of()), lib.classPath(),
                NAMESRV_MAIN, List.of("-c", namesrvConf().toString()), workDir);
        namesrv.awaitOutput(NAMESRV_READY, options.startTimeout());
    }

    private void startBroker() throws IOException {
        broker = ChildProcess.start("apache-broker", jvm(options.brokerHeap(), options.brokerJvmOptions()),
                lib.classPath(), BROKER_MAIN, List.of("-c", brokerConf().toString(), "-n", namesrvAddress()), workDir);
        long booting = System.nanoTime();
        broker.awaitOutput(BROKER_READY, options.startTimeout());
        long booted = System.nanoTime();
        Registration.await(namesrvAddress(), CLUSTER, BROKER, brokerAddress(), broker,
                options.startTimeout().minusNanos(booted - booting));
        long waited = (System.nanoTime() - booted) / 1_000_000;
        if (waited > 1_000) {
            LOG.info("{} booted, but the name server listed it only {} ms later", BROKER, waited);
        }
    }

    /**
     * Both servers exit with -2 unless told where "RocketMQ home" is, and their logback writes under
     * {@code ${user.home}/logs/rocketmqlogs}: both point into the work directory. The status listener
     * keeps logback's start-up chatter out of the output file.
     */
    private List<String> jvm(String heap, List<String> more) {
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + heap);
        jvm.addAll(more);
        jvm.add("-Drocketmq.home.dir=" + workDir);
        jvm.add("-Duser.home=" + workDir);
        jvm.add("-Dlogback.statusListenerClass="
                + "org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener");
        return jvm;
    }

    /** {@code 127.0.0.1:port} of the name server, for clients and brokers. */
    public String namesrvAddress() {
        return "127.0.0.1:" + namesrvPort;
    }

    /** {@code 127.0.0.1:port} of the broker; the same after {@link #restartBroker()}. */
    public String brokerAddress() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The broker's {@code brokerClusterName}. */
    public String clusterName() {
        return CLUSTER;
    }

    /** The broker's {@code brokerName} (its id is 0, the master). */
    public String brokerName() {
        return BROKER;
    }

    /** The directory everything is written under. */
    public Path workDir() {
        return workDir;
    }

    /** The broker's {@code storePathRootDir}. */
    public Path storeDir() {
        return workDir.resolve("store");
    }

    public Options options() {
        return options;
    }

    /** The Apache RocketMQ version that runs. */
    public String version() {
        return lib.version();
    }

    /** The name server's process. */
    public synchronized ChildProcess namesrvProcess() {
        return namesrv;
    }

    /** The broker's current process: a new one after each {@link #restartBroker()}. */
    public synchronized ChildProcess brokerProcess() {
        return broker;
    }

    /** The name server's and the broker's current process. */
    public synchronized List<ChildProcess> processes() {
        return List.of(namesrv, broker);
    }

    public synchronized boolean brokerRunning() {
        return broker != null && broker.isAlive();
    }

    /**
     * Stops the broker as an operator would: SIGTERM (it unregisters from the name server and flushes),
     * SIGKILL after {@link ChildProcess#POLITE_STOP}. Returns once it is gone.
     */
    public synchronized void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would: it neither unregisters nor flushes. */
    public synchronized void killBroker() {
        if (broker != null) {
            broker.kill();
        }
    }

    /**
     * Starts the broker again, stopping it first if it runs, on the same ports, configuration and store,
     * and waits until it has booted and the name server lists it again.
     */
    public synchronized void restartBroker() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stopBroker();
        long starting = System.nanoTime();
        startBroker();
        LOG.debug("broker {} booted again after {} ms", brokerAddress(), (System.nanoTime() - starting) / 1_000_000);
    }

    /**
     * Stops the broker and the name server side by side (SIGTERM to both, SIGKILL for either still there
     * after {@link ChildProcess#POLITE_STOP}) and returns once both are gone. Idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        List<ChildProcess> running = new ArrayList<>();
        if (broker != null) {
            running.add(broker);
        }
        if (namesrv != null) {
            running.add(namesrv);
        }
        ChildProcess.stopAll(running);
    }

    private Path namesrvConf() {
        return workDir.resolve("namesrv.conf");
    }

    private Path brokerConf() {
        return workDir.resolve("broker.conf");
    }

    @Override
    public String toString() {
        return "Apache RocketMQ " + lib.version() + " (name server " + namesrvAddress() + ", broker "
                + brokerAddress() + ")";
    }

    /**
     * How the servers are started; {@link #defaults()} and the {@code with...} methods make one.
     *
     * @param flush                    the broker's {@code flushDiskType}
     * @param segmentBytes             {@code mappedFileSizeCommitLog}: the stock 1 GiB would be mapped and
     *                                 preallocated twice on a small test disk
     * @param propertyFilter           {@code enablePropertyFilter}, which SQL92 subscriptions need
     * @param transactionCheckInterval {@code transactionCheckInterval}, how often half messages are
     *                                 checked back with their producer; null keeps the stock 60 s
     * @param brokerConf               more {@code key=value} lines, appended to broker.conf last, so they
     *                                 win; must not change the cluster name, broker name, id or ports
     * @param namesrvHeap              the name server's {@code -Xmx}, e.g. "256m"
     * @param brokerHeap               the broker's {@code -Xmx}, e.g. "1g"
     * @param brokerJvmOptions         more options of the broker's JVM
     * @param startTimeout             how long each server may take to boot
     * @param lib                      the jars to run; null: {@link ApacheLib#locate()}
     */
    public record Options(FlushMode flush, long segmentBytes, boolean propertyFilter, Duration transactionCheckInterval,
                          List<String> brokerConf, String namesrvHeap, String brokerHeap, List<String> brokerJvmOptions,
                          Duration startTimeout, ApacheLib lib) {

        public Options {
            Objects.requireNonNull(flush, "flush");
            if (segmentBytes < 1 << 20) {
                throw new IllegalArgumentException("segmentBytes below 1 MiB: " + segmentBytes);
            }
            brokerConf = List.copyOf(brokerConf);
            Objects.requireNonNull(namesrvHeap, "namesrvHeap");
            Objects.requireNonNull(brokerHeap, "brokerHeap");
            brokerJvmOptions = List.copyOf(brokerJvmOptions);
            Objects.requireNonNull(startTimeout, "startTimeout");
        }

        /**
         * ASYNC_FLUSH, 64 MiB commit-log files, no property filter, the stock transaction check interval,
         * name server -Xmx256m, broker -Xmx1g with 512 MiB direct memory, 60 s to boot each, the jars
         * the build copied.
         */
        public static Options defaults() {
            return new Options(FlushMode.ASYNC_FLUSH, 64L << 20, false, null, List.of(), "256m", "1g",
                    List.of("-XX:MaxDirectMemorySize=512m"), Duration.ofSeconds(60), null);
        }

        public Options withFlush(FlushMode newFlush) {
            return new Options(newFlush, segmentBytes, propertyFilter, transactionCheckInterval, brokerConf,
                    namesrvHeap, brokerHeap, brokerJvmOptions, startTimeout, lib);
        }

        public Options withSegmentBytes(long newSegmentBytes) {
            return new Options(flush, newSegmentBytes, propertyFilter, transactionCheckInterval, brokerConf,
                    namesrvHeap, brokerHeap, brokerJvmOptions, startTimeout, lib);
        }

        public Options withPropertyFilter(boolean enabled) {
            return new Options(flush, segmentBytes, enabled, transactionCheckInterval, brokerConf,
                    namesrvHeap, brokerHeap, brokerJvmOptions, startTimeout, lib);
        }

        public Options withTransactionCheckInterval(Duration interval) {
            return new Options(flush, segmentBytes, propertyFilter, interval, brokerConf,
                    namesrvHeap, brokerHeap, brokerJvmOptions, startTimeout, lib);
        }

        /** Adds {@code key=value} lines to broker.conf, after those given before. */
        public Options withBrokerConf(String... lines) {
            List<String> all = new ArrayList<>(brokerConf);
            all.addAll(List.of(lines));
            return new Options(flush, segmentBytes, propertyFilter, transactionCheckInterval, all,
                    namesrvHeap, brokerHeap, brokerJvmOptions, startTimeout, lib);
        }

        public Options withHeaps(String newNamesrvHeap, String newBrokerHeap) {
            return new Options(flush, segmentBytes, propertyFilter, transactionCheckInterval, brokerConf,
                    newNamesrvHeap, newBrokerHeap, brokerJvmOptions, startTimeout, lib);
        }

        /** Replaces the broker's extra JVM options (the default sets its direct memory). */
        public Options withBrokerJvmOptions(String... jvmOptions) {
            return new Options(flush, segmentBytes, propertyFilter, transactionCheckInterval, brokerConf,
                    namesrvHeap, brokerHeap, List.of(jvmOptions), startTimeout, lib);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(flush, segmentBytes, propertyFilter, transactionCheckInterval, brokerConf,
                    namesrvHeap, brokerHeap, brokerJvmOptions, timeout, lib);
        }

        public Options withLib(ApacheLib newLib) {
            return new Options(flush, segmentBytes, propertyFilter, transactionCheckInterval, brokerConf,
                    namesrvHeap, brokerHeap, brokerJvmOptions, startTimeout, newLib);
        }
    }
}
