package dev.apogee.benchmarks.broker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Apache RocketMQ name server and broker, each in a child JVM, on the jars the benchmarks
 * module resolved apart from its own class path (target/apache-lib, with the Netty 4.1 they ship
 * with). Their settings follow what the official start scripts and a stock broker.conf would give,
 * changed only where the benchmark needs it: loopback addresses, free ports, a private store and
 * home, 256 MiB commit-log files, the run's flush mode, and room on a nearly full test disk.
 */
final class ApacheServer implements ServerUnderTest {

    static final String NAMESRV_MAIN = "org.apache.rocketmq.namesrv.NamesrvStartup";
    static final String BROKER_MAIN = "org.apache.rocketmq.broker.BrokerStartup";
    private static final List<String> NAMESRV_JVM = List.of("-Xmx256m");
    private static final List<String> BROKER_JVM = List.of("-Xmx1g", "-XX:MaxDirectMemorySize=512m");

    private final ServerProcess namesrv;
    private final ServerProcess broker;
    private final int namesrvPort;
    private final Path dir;
    private final boolean keep;

    private ApacheServer(ServerProcess namesrv, ServerProcess broker, int namesrvPort, Path dir, boolean keep) {
        this.namesrv = namesrv;
        this.broker = broker;
        this.namesrvPort = namesrvPort;
        this.dir = dir;
        this.keep = keep;
    }

    static ApacheServer start(BenchmarkSettings settings, Path dir) throws IOException {
        Path lib = settings.apacheLib();
        if (!Files.isRegularFile(lib.resolve("rocketmq-broker-5.5.0.jar"))) {
            throw new IOException(lib + " does not hold the Apache RocketMQ 5.5.0 jars; build them with"
                    + " 'mvn -B -q -pl benchmarks -am package -DskipTests' or point --apache-lib at them");
        }
        Files.createDirectories(dir);
        if (!settings.keep()) {
            ChildProcesses.deleteOnExit(dir);
        }
        // The launcher expands "dir/*" itself, so the class path needs no listing of the jars.
        String classPath = lib.toAbsolutePath() + File.separator + "*";
        int namesrvPort = FreePorts.any();
        // The broker also binds its port - 2 (VIP channel) and + 1 (HA).
        int brokerPort = FreePorts.withNeighbours(2, 1);

        Path namesrvConf = dir.resolve("namesrv.conf");
        Files.writeString(namesrvConf, String.join(System.lineSeparator(),
                "listenPort=" + namesrvPort,
                "bindAddress=127.0.0.1") + System.lineSeparator(), StandardCharsets.UTF_8);
        Path brokerConf = dir.resolve("broker.conf");
        Files.writeString(brokerConf, String.join(System.lineSeparator(),
                "brokerClusterName=DefaultCluster",
                "brokerName=broker-a",
                "brokerId=0",
                "brokerRole=ASYNC_MASTER",
                "listenPort=" + brokerPort,
                "bindAddress=127.0.0.1",
                "brokerIP1=127.0.0.1",
                "storePathRootDir=" + dir.resolve("store"),
                "mappedFileSizeCommitLog=268435456",
                "diskMaxUsedSpaceRatio=95",
                "flushDiskType=" + settings.flush(),
                "autoCreateTopicEnable=true",
                "defaultTopicQueueNums=" + settings.queues()) + System.lineSeparator(), StandardCharsets.UTF_8);

        ServerProcess namesrv = ServerProcess.start("apache-namesrv", jvm(NAMESRV_JVM, dir), classPath, NAMESRV_MAIN,
                List.of("-c", namesrvConf.toString()), dir);
        ServerProcess broker;
        try {
            broker = ServerProcess.start("apache-broker", jvm(BROKER_JVM, dir), classPath, BROKER_MAIN,
                    List.of("-c", brokerConf.toString(), "-n", "127.0.0.1:" + namesrvPort), dir);
        } catch (IOException | RuntimeException e) {
            namesrv.close();
            throw e;
        }
        return new ApacheServer(namesrv, broker, namesrvPort, dir, settings.keep());
    }

    /**
     * Both servers exit with -2 unless told where "RocketMQ home" is, and their logback writes under
     * {@code ${user.home}/logs/rocketmqlogs}: both point into the server's own directory. The status
     * listener keeps logback's start-up chatter out of the log file.
     */
    private static List<String> jvm(List<String> heap, Path dir) {
        List<String> options = new ArrayList<>(heap);
        options.add("-Drocketmq.home.dir=" + dir);
        options.add("-Duser.home=" + dir);
        options.add("-Dlogback.statusListenerClass="
                + "org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener");
        return options;
    }

    @Override
    public String name() {
        return "Apache";
    }

    @Override
    public String nameServer() {
        return "127.0.0.1:" + namesrvPort;
    }

    @Override
    public String heapDescription() {
        return "name server: " + String.join(" ", NAMESRV_JVM) + "; broker: " + String.join(" ", BROKER_JVM);
    }

    @Override
    public ServerProcess broker() {
        return broker;
    }

    @Override
    public List<ServerProcess> processes() {
        return List.of(namesrv, broker);
    }

    @Override
    public void close() {
        // The broker first: it unregisters from the name server on its way out.
        broker.close();
        namesrv.close();
        if (!keep) {
            ChildProcesses.deleteTree(dir);
            ChildProcesses.forget(dir);
        }
    }
}
