package dev.apogee.interop.walkthrough;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.interop.fixture.EmbeddedCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.tools.command.MQAdminStartup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's five-minute walk-through, as written: the application code with the official client,
 * then each {@code mqadmin} command through the official tool's own entry point, checking what it
 * prints.
 */
@Timeout(180)
class MqadminWalkthroughIT {

    /** mqadmin without ACL: no signing hook. */
    private static final RPCHook NO_HOOK = new RPCHook() {
        @Override
        public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        }

        @Override
        public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        }
    };

    /** Refuses System.exit and nothing else. */
    @SuppressWarnings("removal")
    private static final class NoExit extends SecurityManager {
        @Override
        public void checkExit(int status) {
            throw new SecurityException("exit " + status);
        }

        @Override
        public void checkPermission(java.security.Permission permission) {
        }
    }

    @TempDir
    Path dataDir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dataDir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Runs one mqadmin command line and returns what it printed (out and err). */
    @SuppressWarnings("removal")
    private String mqadmin(String commandLine) {
        String[] args = commandLine.replace("127.0.0.1:9876", cluster.namesrvAddress())
                .replace("127.0.0.1:10911", cluster.broker().address()).split(" ");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        SecurityManager before = System.getSecurityManager();
        // The tool exits the JVM on a command line it cannot parse: turn that into this test's failure.
        try {
            System.setSecurityManager(new NoExit());
        } catch (UnsupportedOperationException newerJava) {
            // Java 18+ refuses a security manager unless started with -Djava.security.manager=allow.
        }
        try {
            MQAdminStartup.main0(args, NO_HOOK);
        } catch (SecurityException exit) {
            capture.println("mqadmin tried to exit: " + exit.getMessage() + " (Exception)");
        } finally {
            System.setSecurityManager(before);
            System.setOut(out);
            System.setErr(err);
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        assertFalse(printed.contains("Exception"), "mqadmin " + commandLine + " failed:\n" + printed);
        return printed;
    }

    @Test
    void theWalkThroughWorksAsWritten() throws Exception {
        DefaultMQProducer producer = cluster.producer("order-service");
        Message order = new Message("Orders", "created", "order-42", "{\"id\":42}".getBytes(StandardCharsets.UTF_8));
        order.putUserProperty("region", "eu");
        SendResult sent = producer.send(order);
        Message other = new Message("Orders", "created", "order-43", "{\"id\":43}".getBytes(StandardCharsets.UTF_8));
        other.putUserProperty("region", "us");
        producer.send(other);

        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("billing");
        consumer.setNamesrvAddr(cluster.namesrvAddress());
        consumer.setInstanceName("billing-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("Orders", MessageSelector.bySql("region = 'eu'"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(m.getKeys()));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            EmbeddedCluster.await(() -> received.contains("order-42"), 30_000, "the consumer got order-42");
            Thread.sleep(1_000);
            assertTrue(!received.contains("order-43"), "the selector left out region us");

            String brokerName = cluster.broker().config().brokerName();
            assertTrue(mqadmin("clusterList -n 127.0.0.1:9876").contains(brokerName));
            mqadmin("updateTopic -n 127.0.0.1:9876 -c DefaultCluster -t Payments -r 8 -w 8");
            EmbeddedCluster.await(() -> mqadmin("topicList -n 127.0.0.1:9876").contains("Payments"), 10_000,
                    "the new topic is listed");
            String status = mqadmin("topicStatus -n 127.0.0.1:9876 -t Orders");
            assertTrue(status.contains(brokerName) && status.contains("#Min Offset"), status);
            // The consumer commits what it consumed, and moves past what its selector skipped, every 5 s
            // or with its next pull: the lag reaches 0 within a few seconds.
            String[] progress = new String[1];
            EmbeddedCluster.await(() -> {
                progress[0] = mqadmin("consumerProgress -n 127.0.0.1:9876 -g billing");
                return progress[0].contains("Orders") && progress[0].contains("Diff Total: 0");
            }, 30_000, "the group's lag reaches 0");
            assertTrue(mqadmin("consumerConnection -n 127.0.0.1:9876 -g billing").contains("CONSUME_PASSIVELY"));
            assertTrue(mqadmin("queryMsgByKey -n 127.0.0.1:9876 -t Orders -k order-42").contains(sent.getMsgId()));
            assertTrue(mqadmin("queryMsgById -n 127.0.0.1:9876 -t Orders -i " + sent.getOffsetMsgId()).contains("order-42"));
            mqadmin("resetOffsetByTime -n 127.0.0.1:9876 -g billing -t Orders -s 0");
            assertTrue(mqadmin("brokerStatus -n 127.0.0.1:9876 -b 127.0.0.1:10911").contains("putTps"));
            received.clear();
            EmbeddedCluster.await(() -> received.contains("order-42"), 40_000, "after the reset order-42 comes again");
        } finally {
            consumer.shutdown();
        }
    }
}
