package dev.apogee.client.testing;

import dev.apogee.anchors.ApacheRocketMq;
import dev.apogee.client.admin.AdminClient;
import dev.apogee.client.admin.TopicSpec;
import dev.apogee.client.auth.Credentials;
import dev.apogee.remoting.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Apache RocketMQ 5.5.0 name server and broker for one test class, as a class-level extension:
 * {@code @RegisterExtension static final ApacheBroker APACHE = ApacheBroker.with(options);}. Started once
 * before the class (a broker JVM costs ~1 GiB and ~10 s), stopped after it together with every client the
 * class handed to {@link #closing}, even when a test or the start failed.
 *
 * <p>The work directory is {@code target/apache-it/<TestClass>}, emptied before the start and kept
 * afterwards, so that the servers' logs can be read after a failure.
 */
public final class ApacheBroker implements BeforeAllCallback, AfterAllCallback {

    private static final Logger LOG = LogManager.getLogger(ApacheBroker.class);
    private static final Duration ROUTE_WAIT = Duration.ofSeconds(20);

    private final ApacheRocketMq.Options options;
    private final Credentials adminCredentials;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private ApacheRocketMq servers;
    private AdminClient admin;

    private ApacheBroker(ApacheRocketMq.Options options, Credentials adminCredentials) {
        this.options = options;
        this.adminCredentials = adminCredentials;
    }

    /**
     * A fixture that starts the servers with {@code options}; smaller commit-log files than the stock
     * 64 MiB unless the options say otherwise, since every class writes little.
     */
    public static ApacheBroker with(ApacheRocketMq.Options options) {
        return new ApacheBroker(options, null);
    }

    /**
     * A fixture whose broker authenticates every request (Apache's default authentication provider, users in
     * its own store), with {@code user}/{@code password} as its first user, a super user; the fixture's admin
     * client signs with them.
     */
    public static ApacheBroker authenticated(String user, String password) {
        return with(ApacheRocketMq.Options.defaults()
                .withSegmentBytes(16L << 20)
                .withBrokerConf(
                        "authenticationEnabled=true",
                        "authenticationProvider=org.apache.rocketmq.auth.authentication.provider"
                                + ".DefaultAuthenticationProvider",
                        "authenticationMetadataProvider=org.apache.rocketmq.auth.authentication.provider"
                                + ".LocalAuthenticationMetadataProvider",
                        "initAuthenticationUser={\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                        "innerClientAuthenticationCredentials={\"accessKey\":\"apogee-inner\","
                                + "\"secretKey\":\"apogee-inner-secret\"}"))
                .withAdminCredentials(Credentials.of(user, password));
    }

    /**
     * This fixture with its {@link #admin()} signing requests with {@code credentials}, for a broker
     * started with authentication on.
     */
    public ApacheBroker withAdminCredentials(Credentials credentials) {
        return new ApacheBroker(options, credentials);
    }

    /** A fixture with the anchors' defaults (auto topic creation on, no property filter). */
    public static ApacheBroker defaults() {
        return with(ApacheRocketMq.Options.defaults().withSegmentBytes(16L << 20));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dir = Path.of("target", "apache-it", context.getRequiredTestClass().getSimpleName()).toAbsolutePath();
        deleteRecursively(dir);
        servers = ApacheRocketMq.start(dir, options);
        AdminClient.Builder builder = AdminClient.builder().nameServers(servers.namesrvAddress());
        if (adminCredentials != null) {
            builder.credentials(adminCredentials);
        }
        admin = closing(builder.build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int i = clients.size() - 1; i >= 0; i--) {
            try {
                clients.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", clients.get(i), e);
            }
        }
        clients.clear();
        if (servers != null) {
            // Killed, not stopped: nothing here tests a clean shutdown, and the broker's polite stop takes
            // 10-15 s. The store is thrown away with the next run's work directory.
            servers.killBroker();
            servers.close();
            servers = null;
        }
    }

    /** Registers a client to close after the class, before the servers stop (last registered, first closed). */
    public synchronized <T extends AutoCloseable> T closing(T client) {
        clients.add(client);
        return client;
    }

    public String namesrvAddress() {
        return servers().namesrvAddress();
    }

    public String brokerAddress() {
        return servers().brokerAddress();
    }

    public String clusterName() {
        return servers().clusterName();
    }

    public String brokerName() {
        return servers().brokerName();
    }

    /** The servers themselves (kill, restart, work directory). */
    public ApacheRocketMq servers() {
        if (servers == null) {
            throw new IllegalStateException("the Apache servers are not running (used outside the test class?)");
        }
        return servers;
    }

    /** An admin client of this fixture, closed with it. */
    public AdminClient admin() {
        servers();
        return admin;
    }

    /**
     * Creates {@code topic} with {@code queues} read and write queues on the broker and waits until the
     * name server routes it: sends and receives then see every queue from the start, which auto-creation
     * (the broker's default of {@code defaultTopicQueueNums} queues, announced later) does not promise.
     */
    public String createTopic(String topic, int queues) {
        admin().topics().createOrUpdate(clusterName(), TopicSpec.of(topic, queues));
        Await.until("the route of " + topic + " with " + queues + " queues", ROUTE_WAIT, () -> {
            try {
                return admin.topics().route(topic).writableQueues().size() == queues;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return topic;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
