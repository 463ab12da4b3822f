package dev.apogee.client.consumer.rebalance;

import dev.apogee.client.Registration;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.header.broker.ConsumerGroupRequestHeader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Routes a broker's NOTIFY_CONSUMER_IDS_CHANGED to the consumers of the named group. A runtime has one
 * handler per request code and may carry consumers of several groups, so this is a shared component
 * of the runtime ({@link #of}); the notice is oneway and gets no answer.
 */
public final class MembershipNotices implements AutoCloseable {

    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Registration handler;

    private MembershipNotices(ClientRuntime runtime) {
        this.handler = runtime.registerBrokerRequestHandler(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
                (context, request) -> {
                    String group = request.header(ConsumerGroupRequestHeader.class).consumerGroup();
                    for (Runnable listener : listeners.getOrDefault(group, List.of())) {
                        listener.run();
                    }
                    return CompletableFuture.completedFuture(null);
                });
    }

    /** The component of {@code runtime}. */
    public static MembershipNotices of(ClientRuntime runtime) {
        return runtime.shared(MembershipNotices.class, MembershipNotices::new);
    }

    /** Runs {@code listener} (quickly: it runs on the runtime's broker-request thread) whenever {@code group} changed. */
    public Registration listen(String group, Runnable listener) {
        listeners.computeIfAbsent(group, key -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(group, List.of()).remove(listener);
    }

    @Override
    public void close() {
        handler.close();
    }
}
