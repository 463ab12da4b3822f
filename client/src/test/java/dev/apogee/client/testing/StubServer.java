package dev.apogee.client.testing;

import dev.apogee.remoting.concurrent.BoundedExecutors;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.QueueData;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicPerm;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeaderV2;
import dev.apogee.remoting.protocol.header.broker.SendMessageResponseHeader;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.protocol.message.MessageProperties;
import dev.apogee.remoting.tls.TlsConfig;
import dev.apogee.remoting.transport.RemotingServer;
import dev.apogee.remoting.transport.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A scriptable server on a free loopback port for tests of the client's own behaviour: as a name
 * server it answers routes naming the stub brokers it was given; as a broker it acknowledges
 * heartbeats and stores nothing, answering sends through a replaceable handler (to refuse, delay or
 * hold them), and takes single pop acks but not batch acks. Records every request it received.
 */
public final class StubServer implements AutoCloseable {

    private final RemotingServer server;
    private final String name;
    private final List<RemotingCommand> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> brokers = new ConcurrentHashMap<>();
    private final AtomicLong offsets = new AtomicLong();
    private volatile Function<RemotingCommand, CompletableFuture<RemotingCommand>> sends = this::accept;
    private volatile Function<RemotingCommand, CompletableFuture<RemotingCommand>> offsetCommits = this::succeed;

    private StubServer(String name, TlsConfig tls) throws Exception {
        this.name = name;
        this.server = new RemotingServer(ServerConfig.defaults("stub-" + name, 0).withBindAddress("127.0.0.1")
                .withTls(tls));
        server.registerProcessor((context, request) -> {
            received.add(request);
            return switch (request.code()) {
                case RequestCode.GET_ROUTEINFO_BY_TOPIC -> CompletableFuture.completedFuture(route(request));
                case RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE -> sends.apply(request);
                case RequestCode.UPDATE_CONSUMER_OFFSET -> offsetCommits.apply(request);
                // As a broker before RocketMQ 5.1: single acks only.
                case RequestCode.BATCH_ACK_MESSAGE -> CompletableFuture.completedFuture(RemotingCommand.responseTo(
                        request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, "request type 200151 not supported"));
                default -> CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS,
                        null));
            };
        }, BoundedExecutors.fixed("stub-" + name, 2, 1000), RequestCode.GET_ROUTEINFO_BY_TOPIC,
                RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE, RequestCode.HEART_BEAT,
                RequestCode.UNREGISTER_CLIENT, RequestCode.END_TRANSACTION, RequestCode.UPDATE_CONSUMER_OFFSET,
                RequestCode.ACK_MESSAGE, RequestCode.BATCH_ACK_MESSAGE);
        server.start();
    }

    /** A started stub without TLS. */
    public static StubServer start(String name) throws Exception {
        return new StubServer(name, TlsConfig.DISABLED);
    }

    /** A started stub with {@code tls}. */
    public static StubServer start(String name, TlsConfig tls) throws Exception {
        return new StubServer(name, tls);
    }

    public String address() {
        return "127.0.0.1:" + server.port();
    }

    public String name() {
        return name;
    }

    /** As a name server: routes of every topic name {@code broker} with 2 queues. */
    public StubServer withBroker(StubServer broker) {
        brokers.put(broker.name(), broker.address());
        return this;
    }

    /** As a broker: sends are answered by {@code handler}. */
    public void onSend(Function<RemotingCommand, CompletableFuture<RemotingCommand>> handler) {
        this.sends = handler;
    }

    /** As a broker: offset commits (UPDATE_CONSUMER_OFFSET) are answered by {@code handler}. */
    public void onOffsetCommit(Function<RemotingCommand, CompletableFuture<RemotingCommand>> handler) {
        this.offsetCommits = handler;
    }

    /** Every request received so far. */
    public List<RemotingCommand> received() {
        return List.copyOf(received);
    }

    /** Requests with {@code code} received so far. */
    public long count(int code) {
        return received.stream().filter(r -> r.code() == code).count();
    }

    /** A successful answer to a send, as a broker gives it. */
    public RemotingCommand stored(RemotingCommand request) {
        SendMessageRequestHeaderV2 header = request.header(SendMessageRequestHeaderV2.class);
        long offset = offsets.getAndIncrement();
        String id = MessageIds.offsetMessageId(new byte[] {127, 0, 0, 1}, server.port(), offset * 100);
        String uniqueId = MessageProperties.find(header.properties(), MessageProperties.UNIQ_KEY);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                new SendMessageResponseHeader(id, header.queueId(), offset, uniqueId, null), null)
                .withExtFields(Map.of(MessageProperties.MSG_REGION, "StubRegion"));
    }

    private CompletableFuture<RemotingCommand> accept(RemotingCommand request) {
        return CompletableFuture.completedFuture(stored(request));
    }

    private CompletableFuture<RemotingCommand> succeed(RemotingCommand request) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null));
    }

    private RemotingCommand route(RemotingCommand request) {
        if (brokers.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "no route");
        }
        List<QueueData> queues = new ArrayList<>();
        List<BrokerData> brokerDatas = new ArrayList<>();
        brokers.forEach((brokerName, address) -> {
            queues.add(new QueueData(brokerName, 2, 2, TopicPerm.READ_WRITE, 0));
            brokerDatas.add(new BrokerData("StubCluster", brokerName, Map.of(0L, address), false, null));
        });
        return RemotingCommand.success(request, RemotingJson.encode(new TopicRouteData(null, queues, brokerDatas,
                null, null)));
    }

    @Override
    public void close() {
        server.close();
    }
}
