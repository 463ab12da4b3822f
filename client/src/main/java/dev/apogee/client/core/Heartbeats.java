package dev.apogee.client.core;

import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.Routes;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.body.HeartbeatData;
import dev.apogee.remoting.protocol.body.HeartbeatData.ConsumerData;
import dev.apogee.remoting.protocol.body.HeartbeatData.ProducerData;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.broker.UnregisterClientRequestHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * HEART_BEAT to every broker the routes name, carrying what the registered contributors announce,
 * and UNREGISTER_CLIENT for a contributor's groups when it leaves. Brokers forget a client whose
 * connection closes, so a heartbeat also goes to a broker as soon as a connection to it opens.
 */
final class Heartbeats {

    private static final Logger LOG = LogManager.getLogger(Heartbeats.class);

    private final String clientId;
    private final Rpc rpc;
    private final Routes routes;
    private final long timeoutMillis;
    private final List<HeartbeatContributor> contributors = new CopyOnWriteArrayList<>();

    Heartbeats(String clientId, Rpc rpc, Routes routes, long timeoutMillis) {
        this.clientId = clientId;
        this.rpc = rpc;
        this.routes = routes;
        this.timeoutMillis = timeoutMillis;
    }

    void add(HeartbeatContributor contributor) {
        contributors.add(contributor);
    }

    boolean remove(HeartbeatContributor contributor) {
        return contributors.remove(contributor);
    }

    List<HeartbeatContributor> contributors() {
        return List.copyOf(contributors);
    }

    /** What the next heartbeat says: every contributor's groups, each group once. */
    HeartbeatData data() {
        Map<String, ProducerData> producers = new LinkedHashMap<>();
        Map<String, ConsumerData> consumers = new LinkedHashMap<>();
        for (HeartbeatContributor contributor : contributors) {
            for (ProducerData producer : contributor.producers()) {
                producers.putIfAbsent(producer.groupName(), producer);
            }
            for (ConsumerData consumer : contributor.consumers()) {
                consumers.putIfAbsent(consumer.groupName(), consumer);
            }
        }
        return new HeartbeatData(clientId, new ArrayList<>(producers.values()), new ArrayList<>(consumers.values()));
    }

    /** A heartbeat to every known broker; completes when all answered or failed (failures are logged). */
    CompletableFuture<Void> sendToAll() {
        if (contributors.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = RemotingJson.encode(data());
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : routes.brokerAddresses()) {
            sent.add(send(address, body));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /**
     * A heartbeat to every known broker, failing with the first failure once all answered (nothing is
     * logged).
     */
    CompletableFuture<Void> sendToAllOrFail() {
        if (contributors.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : routes.brokerAddresses()) {
            sent.add(sendOrFail(address));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** A heartbeat to {@code address}, if anything is to be announced. */
    CompletableFuture<Void> sendTo(String address) {
        if (contributors.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return send(address, RemotingJson.encode(data()));
    }

    /** Whether anything is to be announced. */
    boolean hasContributors() {
        return !contributors.isEmpty();
    }

    /** A heartbeat to {@code address}, failing when it did not get through (nothing is logged). */
    CompletableFuture<Void> sendOrFail(String address) {
        RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT, null, RemotingJson.encode(data()));
        return rpc.call(address, request, timeoutMillis).thenApply(response -> null);
    }

    private CompletableFuture<Void> send(String address, byte[] body) {
        RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT, null, body);
        return rpc.call(address, request, timeoutMillis).handle((response, failure) -> {
            if (failure != null) {
                LOG.warn("heartbeat to broker {} failed: {}", address, Rpc.unwrap(failure).getMessage());
            }
            return null;
        });
    }

    /** UNREGISTER_CLIENT for each group {@code contributor} announced, to every known broker. */
    CompletableFuture<Void> unregister(HeartbeatContributor contributor) {
        List<UnregisterClientRequestHeader> headers = new ArrayList<>();
        for (ProducerData producer : contributor.producers()) {
            headers.add(new UnregisterClientRequestHeader(clientId, producer.groupName(), null));
        }
        for (ConsumerData consumer : contributor.consumers()) {
            headers.add(new UnregisterClientRequestHeader(clientId, null, consumer.groupName()));
        }
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (String address : routes.brokerAddresses()) {
            for (UnregisterClientRequestHeader header : headers) {
                RemotingCommand request = RemotingCommand.request(RequestCode.UNREGISTER_CLIENT, header);
                sent.add(rpc.call(address, request, timeoutMillis).handle((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("unregistering {} from broker {} failed: {}", header, address,
                                Rpc.unwrap(failure).getMessage());
                    }
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }
}
