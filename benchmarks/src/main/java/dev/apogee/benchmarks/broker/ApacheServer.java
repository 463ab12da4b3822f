package dev.apogee.benchmarks.broker;

import dev.apogee.anchors.ApacheLib;
import dev.apogee.anchors.ApacheRocketMq;
import dev.apogee.anchors.ChildProcess;
import dev.apogee.anchors.ChildProcesses;
import dev.apogee.anchors.FlushMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Apache RocketMQ name server and broker, started by the anchors module's fixture. Their
 * settings are the fixture's (stock, but for loopback addresses, free ports, a private store and room
 * on a nearly full disk), changed only where the benchmark needs it: 256 MiB commit-log files (the size
 * Apogee is given too), the run's flush mode and the run's queues per auto-created topic.
 */
final class ApacheServer implements ServerUnderTest {

    private final ApacheRocketMq servers;
    private final Path dir;
    private final boolean keep;

    private ApacheServer(ApacheRocketMq servers, Path dir, boolean keep) {
        this.servers = servers;
        this.dir = dir;
        this.keep = keep;
    }

    static ApacheServer start(BenchmarkSettings settings, Path dir) throws IOException {
        if (!settings.keep()) {
            ChildProcesses.deleteOnExit(dir);
        }
        ApacheRocketMq.Options options = ApacheRocketMq.Options.defaults()
                .withFlush(FlushMode.valueOf(settings.flush()))
                .withSegmentBytes(256L << 20)
                .withBrokerConf("defaultTopicQueueNums=" + settings.queues())
                // The initial heap Apogee's launcher gives its server, so both start from the same heap.
                .withBrokerJvmOptions("-Xms256m", "-XX:MaxDirectMemorySize=512m")
                .withStartTimeout(settings.startTimeout());
        if (settings.apacheLib() != null) {
            options = options.withLib(ApacheLib.at(settings.apacheLib()));
        }
        return new ApacheServer(ApacheRocketMq.start(dir, options), dir, settings.keep());
    }

    @Override
    public String name() {
        return "Apache";
    }

    @Override
    public String nameServer() {
        return servers.namesrvAddress();
    }

    @Override
    public String heapDescription() {
        ApacheRocketMq.Options options = servers.options();
        return "name server: -Xmx" + options.namesrvHeap() + "; broker: -Xmx" + options.brokerHeap() + " "
                + String.join(" ", options.brokerJvmOptions());
    }

    @Override
    public ChildProcess broker() {
        return servers.brokerProcess();
    }

    @Override
    public List<ChildProcess> processes() {
        return servers.processes();
    }

    @Override
    public void close() {
        servers.close();
        if (!keep) {
            ChildProcesses.deleteTree(dir);
            ChildProcesses.forget(dir);
        }
    }
}
