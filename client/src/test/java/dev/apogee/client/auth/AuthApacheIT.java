package dev.apogee.client.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.consumer.ConsumeResult;
import dev.apogee.client.consumer.PullConsumer;
import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.client.consumer.PushConsumerBuilder;
import dev.apogee.client.consumer.StartPosition;
import dev.apogee.client.message.Message;
import dev.apogee.client.message.MessageView;
import dev.apogee.client.producer.Producer;
import dev.apogee.client.testing.ApacheBroker;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Request signing against the real Apache RocketMQ 5.5.0 broker with authentication on: Apache's
 * "auth 2.0" (since 5.3), where the broker checks every request's {@code AccessKey} and HmacSHA1
 * {@code Signature} against its users ({@code authenticationEnabled}, the default provider, users kept
 * in the broker's store; the first user, a super user, made from {@code initAuthenticationUser}).
 * The name server checks nothing, so routes are found without credentials; the broker refuses.
 */
@Timeout(120)
class AuthApacheIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credentials RIGHT = Credentials.of("apogee", "apogee-secret-1");
    private static final Credentials WRONG_SECRET = Credentials.of("apogee", "not-the-secret");
    private static final Credentials UNKNOWN_USER = Credentials.of("nobody", "apogee-secret-1");

    @RegisterExtension
    static final ApacheBroker APACHE = ApacheBroker.authenticated("apogee", "apogee-secret-1");

    private static String topic;

    @BeforeAll
    static void createTopic() {
        // Through the fixture's admin client, which signs with the right credentials.
        topic = APACHE.createTopic("ApacheAuth", 2);
    }

    private static Producer producer(Credentials credentials, String group) {
        Producer.Builder builder = Producer.builder().nameServers(APACHE.namesrvAddress()).group(group);
        if (credentials != null) {
            builder.credentials(credentials);
        }
        return builder.build();
    }

    private static AdminClient admin(Credentials credentials) {
        AdminClient.Builder builder = AdminClient.builder().nameServers(APACHE.namesrvAddress());
        if (credentials != null) {
            builder.credentials(credentials);
        }
        return builder.build();
    }

    private static PullConsumer pullConsumer(Credentials credentials, String group) {
        PullConsumer.Builder builder = PullConsumer.builder().nameServers(APACHE.namesrvAddress()).group(group)
                .startFrom(StartPosition.FIRST).rebalanceInterval(Duration.ofSeconds(1))
                .pullBackoff(Duration.ofMillis(300)).autoCommit(false, Duration.ofSeconds(5));
        if (credentials != null) {
            builder.credentials(credentials);
        }
        return builder.build();
    }

    private static String text(MessageView message) {
        return new String(message.body(), UTF_8);
    }

    /** Runs {@code action}, which must be refused by the broker with NO_PERMISSION and {@code remark}. */
    private static BrokerRefusedException assertRefused(String remark, Executable action) {
        BrokerRefusedException refused = assertThrows(BrokerRefusedException.class, action);
        assertEquals(ResponseCode.NO_PERMISSION, refused.responseCode(), refused.getMessage());
        assertEquals(APACHE.brokerAddress(), refused.address());
        assertTrue(refused.remark() != null && refused.remark().contains(remark), refused.getMessage());
        assertTrue(refused.getMessage().contains(remark), refused.getMessage());
        return refused;
    }

    @Test
    void theRightCredentialsProduceConsumeAndAdminister() {
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (Producer producer = producer(RIGHT, "apache-auth-producer");
             PushConsumer push = PushConsumer.builder().nameServers(APACHE.namesrvAddress()).credentials(RIGHT)
                     .group("apache-auth-push").subscribe(topic, "*").startFrom(StartPosition.FIRST)
                     .rebalanceInterval(Duration.ofSeconds(1)).commitInterval(Duration.ofMillis(200))
                     .pullBackoff(Duration.ofMillis(300)).closeTimeout(Duration.ofSeconds(2)).listener(m -> {
                         received.add(text(m));
                         return ConsumeResult.SUCCESS;
                     }).build();
             PullConsumer pull = pullConsumer(RIGHT, "apache-auth-pull")) {
            List<String> sent = IntStream.range(0, 10).mapToObj(i -> "signed-" + i).toList();
            sent.forEach(body -> producer.send(Message.of(topic, body.getBytes(UTF_8)).tags("t")));
            Await.until("the push consumer receiving all 10", WAIT, () -> received.containsAll(sent));

            List<MessageQueue> queues = pull.queues(topic);
            pull.assign(queues);
            List<MessageView> polled = new ArrayList<>();
            Await.until("the pull consumer polling all 10", WAIT, () -> {
                polled.addAll(pull.poll(Duration.ofMillis(200)));
                return polled.size() >= 10;
            });
            assertEquals(Set.copyOf(sent), polled.stream().map(AuthApacheIT::text).collect(Collectors.toSet()));
            pull.commit();
            Map<MessageQueue, Long> committed = queues.stream().collect(Collectors.toMap(q -> q, pull::committed));
            // The per-queue figures and where each message was polled from, for a failure to be read.
            assertEquals(10, committed.values().stream().mapToLong(Long::longValue).sum(),
                    () -> "offsets committed and read back: " + committed + ", polled " + polled.stream()
                            .map(m -> m.queueId() + "@" + m.queueOffset()).toList());

            AdminClient admin = APACHE.admin();
            assertEquals(10, admin.topics().stats(topic).stream().mapToLong(s -> s.maxOffset()).sum());
            admin.topics().createOrUpdate(APACHE.clusterName(), TopicSpec.of("ApacheAuthMore", 1));
            assertTrue(admin.topics().list().contains("ApacheAuthMore"), "the created topic is listed");
        }
    }

    @Test
    void aWrongSecretIsRefusedWithTheBrokersCodeAndRemark() {
        try (Producer producer = producer(WRONG_SECRET, "apache-auth-wrong");
             AdminClient admin = admin(WRONG_SECRET);
             PullConsumer pull = pullConsumer(WRONG_SECRET, "apache-auth-wrong-pull")) {
            assertRefused("check signature failed", () -> producer.send(Message.of(topic, "x".getBytes(UTF_8))));
            assertRefused("check signature failed", () -> admin.topics().stats(topic));
            assertRefused("check signature failed",
                    () -> admin.topics().createOrUpdate(APACHE.clusterName(), TopicSpec.of("ApacheAuthNot", 1)));
            assertRefused("check signature failed", () -> pull.committed(pull.queues(topic).get(0)));
            // Its pulls are refused too (logged, not thrown: NO_PERMISSION may mean an unreadable broker).
            pull.assign(pull.queues(topic));
            assertTrue(pull.poll(Duration.ofMillis(500)).isEmpty(), "nothing pulled with a wrong secret");
        }
    }

    @Test
    void aPushConsumerWithAWrongSecretFailsToBuild() {
        PushConsumerBuilder builder = PushConsumer.builder().nameServers(APACHE.namesrvAddress())
                .credentials(WRONG_SECRET).group("apache-auth-wrong-push").subscribe(topic, "*")
                .rebalanceInterval(Duration.ofSeconds(1)).closeTimeout(Duration.ofSeconds(2))
                .listener(m -> ConsumeResult.SUCCESS);
        // Its first heartbeat is refused: nothing could ever be consumed, so build() says so.
        assertRefused("check signature failed", () -> builder.build().close());
    }

    @Test
    void anUnknownUserIsRefused() {
        try (Producer producer = producer(UNKNOWN_USER, "apache-auth-unknown")) {
            assertRefused("nobody is not found", () -> producer.send(Message.of(topic, "x".getBytes(UTF_8))));
        }
    }

    @Test
    void noCredentialsAreRefused() {
        try (Producer producer = producer(null, "apache-auth-none");
             AdminClient admin = admin(null);
             PullConsumer pull = pullConsumer(null, "apache-auth-none-pull")) {
            assertRefused("username cannot be null", () -> producer.send(Message.of(topic, "x".getBytes(UTF_8))));
            assertRefused("username cannot be null", () -> admin.topics().stats(topic));
            assertRefused("username cannot be null", () -> pull.committed(pull.queues(topic).get(0)));
        }
    }
}
