package dev.apogee.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.ClusterInfo;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Apache RocketMQ name server and broker, started by the fixture: registered when
 * {@code start} returns, storing what the official client sends, keeping it across a killed and
 * restarted broker on the same ports, and leaving no process behind.
 */
class ApacheRocketMqIT {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void startsRegisteredKeepsAMessageAcrossAKillAndRestartAndLeavesNoProcess() throws Exception {
        List<ChildProcess> started = new ArrayList<>();
        try (ApacheRocketMq apache = ApacheRocketMq.start(dir.resolve("apache"),
                ApacheRocketMq.Options.defaults().withSegmentBytes(16L << 20));
             RemotingClient remoting = new RemotingClient(ClientConfig.defaults("anchors-it"))) {
            started.addAll(apache.processes());
            remoting.start();
            // No waiting: start() promises that the broker's first registration is done.
            assertRegistered(apache, clusterInfo(remoting, apache));
            assertTrue(Files.isRegularFile(apache.workDir().resolve("apache-broker.log")));

            byte[] body = "anchored".getBytes(StandardCharsets.UTF_8);
            SendResult sent = sendCreatingTopic(apache, "AnchorsIT", body);
            awaitRoute(remoting, apache, "AnchorsIT");
            MessageExt read = read(apache, sent);
            assertEquals("anchored", new String(read.getBody(), StandardCharsets.UTF_8));

            String brokerAddress = apache.brokerAddress();
            ChildProcess before = apache.brokerProcess();
            // Killed rather than stopped: the message must survive a crash (it is in the page cache), and
            // the broker's polite shutdown, which close() exercises below, takes 10-15 s.
            apache.killBroker();
            assertFalse(apache.brokerRunning());
            apache.restartBroker();
            started.add(apache.brokerProcess());

            assertFalse(before.isAlive());
            assertNotEquals(before.pid(), apache.brokerProcess().pid());
            assertEquals(brokerAddress, apache.brokerAddress());
            assertRegistered(apache, clusterInfo(remoting, apache));
            // The broker's registration on boot carries its topics: the route is there without waiting.
            assertEquals(ResponseCode.SUCCESS, route(remoting, apache, "AnchorsIT").code());
            MessageExt again = read(apache, sent);
            assertEquals("anchored", new String(again.getBody(), StandardCharsets.UTF_8));
            assertEquals(sent.getMsgId(), again.getMsgId());
        }
        for (ChildProcess process : started) {
            assertFalse(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false),
                    process.name() + " (pid " + process.pid() + ") still runs after close");
        }
        assertEquals(3, started.size());
        assertEquals(List.of(), liveChildrenOf(dir));
    }

    @Test
    @Timeout(60)
    void aBrokerThatCannotStartFailsWithItsOutputAndStopsTheNameServer() throws Exception {
        ApacheRocketMq.Options broken = ApacheRocketMq.Options.defaults()
                .withBrokerJvmOptions("-XX:+NoSuchOptionForAnchorsIT");

        IOException failure = assertThrows(IOException.class, () -> ApacheRocketMq.start(dir, broken).close());

        assertTrue(failure.getMessage().contains("apache-broker exited"), failure.getMessage());
        assertTrue(failure.getMessage().contains("NoSuchOptionForAnchorsIT"), failure.getMessage());
        // The name server was up (the broker starts only after it) and must have been stopped again.
        assertTrue(Files.readString(dir.resolve("apache-namesrv.log")).contains("The Name Server boot success"));
        assertEquals(List.of(), liveChildrenOf(dir));
    }

    /** This JVM's child processes still alive whose command line names {@code dir}. */
    private static List<String> liveChildrenOf(Path dir) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(child -> child.info().commandLine().orElse(""))
                .filter(command -> command.contains(dir.toString()))
                .toList();
    }

    private static ClusterInfo clusterInfo(RemotingClient remoting, ApacheRocketMq apache) throws Exception {
        RemotingCommand answer = remoting.invokeSync(apache.namesrvAddress(),
                RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO, null), 5_000);
        assertEquals(ResponseCode.SUCCESS, answer.code(), answer.remark());
        return RemotingJson.decode(answer.body(), ClusterInfo.class);
    }

    private static void assertRegistered(ApacheRocketMq apache, ClusterInfo info) {
        assertEquals(Set.of(apache.brokerName()), info.clusterAddrTable().get(apache.clusterName()));
        assertEquals(apache.brokerAddress(), info.brokerAddrTable().get(apache.brokerName()).masterAddr());
    }

    private static RemotingCommand route(RemotingClient remoting, ApacheRocketMq apache, String topic)
            throws Exception {
        return remoting.invokeSync(apache.namesrvAddress(), RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader(topic, null)), 5_000);
    }

    /**
     * Waits until the name server has the topic's route: the broker announces an auto-created topic
     * with a registration of its own, after it answered the send.
     */
    private static void awaitRoute(RemotingClient remoting, ApacheRocketMq apache, String topic) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (route(remoting, apache, topic).code() != ResponseCode.SUCCESS) {
            if (System.nanoTime() > deadline) {
                fail("no route of " + topic + " within " + AWAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Sends one message to a topic the broker does not know yet, which creates it. */
    private static SendResult sendCreatingTopic(ApacheRocketMq apache, String topic, byte[] body) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("anchors-it-producer");
        producer.setNamesrvAddr(apache.namesrvAddress());
        producer.setInstanceName("anchors-it-" + System.nanoTime());
        producer.start();
        try {
            SendResult sent = producer.send(new Message(topic, body), 10_000);
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
            return sent;
        } finally {
            producer.shutdown();
        }
    }

    /** Reads the message {@code sent} from its queue and offset with a fresh consumer. */
    private static MessageExt read(ApacheRocketMq apache, SendResult sent) throws Exception {
        MessageQueue queue = sent.getMessageQueue();
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("anchors-it-reader-" + System.nanoTime());
        consumer.setNamesrvAddr(apache.namesrvAddress());
        consumer.setInstanceName("anchors-it-" + System.nanoTime());
        consumer.setAutoCommit(false);
        consumer.setPollTimeoutMillis(1_000);
        consumer.start();
        try {
            consumer.assign(List.of(queue));
            consumer.seek(queue, sent.getQueueOffset());
            long deadline = System.nanoTime() + AWAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (MessageExt message : consumer.poll()) {
                    if (message.getQueueOffset() == sent.getQueueOffset()) {
                        return message;
                    }
                }
            }
            return fail("message " + sent.getMsgId() + " not read back within " + AWAIT.toSeconds() + " s");
        } finally {
            consumer.shutdown();
        }
    }
}
