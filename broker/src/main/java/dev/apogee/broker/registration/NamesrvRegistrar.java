package dev.apogee.broker.registration;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.remoting.concurrent.NamedThreadFactory;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.RegisterBrokerBody;
import dev.apogee.remoting.protocol.body.TopicConfigSerializeWrapper;
import dev.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import dev.apogee.remoting.transport.ClientConfig;
import dev.apogee.remoting.transport.RemotingClient;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps the broker registered with every configured name server: at start, on every register
 * interval, and soon after a topic changes; unregisters at shutdown.
 *
 * <p>Thread-safety: registrations run on one "broker-register" thread.
 */
public final class NamesrvRegistrar {

    private static final Logger LOG = LogManager.getLogger(NamesrvRegistrar.class);
    private static final long TIMEOUT_MILLIS = 5_000;

    private final BrokerConfig config;
    private final TopicConfigStore topics;
    private final String brokerAddress;
    private final RemotingClient client = new RemotingClient(ClientConfig.defaults("broker-outbound"));
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("broker-register", true));

    public NamesrvRegistrar(BrokerConfig config, TopicConfigStore topics, String brokerAddress) {
        this.config = config;
        this.topics = topics;
        this.brokerAddress = brokerAddress;
    }

    public void start() throws IOException {
        client.start();
        // The first registration happens before start returns, so routes exist once the broker is up.
        registerEverywhere();
        long interval = config.registerInterval().toMillis();
        executor.scheduleWithFixedDelay(this::registerEverywhere, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Registers again soon, e.g. after a topic was created, so routes appear without waiting. */
    public void registerSoon() {
        executor.execute(this::registerEverywhere);
    }

    private void registerEverywhere() {
        byte[] body = new RegisterBrokerBody(TopicConfigSerializeWrapper.of(topics.all(), topics.dataVersion()), null)
                .encode(false);
        CRC32 crc = new CRC32();
        crc.update(body);
        // The official brokers clear the sign bit of the CRC; name servers compare it that way.
        int bodyCrc = (int) (crc.getValue() & 0x7FFFFFFF);
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader(config.brokerName(), brokerAddress,
                config.clusterName(), brokerAddress, config.brokerId(), null, false, false, bodyCrc, null);
        for (String nameServer : config.nameServers()) {
            try {
                RemotingCommand response = client.invokeSync(nameServer,
                        RemotingCommand.request(RequestCode.REGISTER_BROKER, header, body), TIMEOUT_MILLIS);
                if (response.code() != ResponseCode.SUCCESS) {
                    LOG.warn("Name server {} refused the registration: {} {}", nameServer, response.code(),
                            response.remark());
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot register with name server {}: {}", nameServer, e.getMessage());
            }
        }
    }

    /** Unregisters from every name server and stops. */
    public void stop() {
        executor.shutdownNow();
        UnRegisterBrokerRequestHeader header = new UnRegisterBrokerRequestHeader(config.brokerName(), brokerAddress,
                config.clusterName(), config.brokerId());
        for (String nameServer : config.nameServers()) {
            try {
                client.invokeSync(nameServer, RemotingCommand.request(RequestCode.UNREGISTER_BROKER, header),
                        TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                LOG.info("Cannot unregister from name server {}: {}", nameServer, e.getMessage());
            }
        }
        client.shutdown();
    }
}
