package dev.apogee.client.route;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.Registration;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.BrokerData;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import dev.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The routes of every topic this client used, fetched from the name servers on first use, refreshed
 * periodically ({@link #refreshAll()}, scheduled by the runtime) and on demand ({@link #refresh}),
 * and the broker addresses they name. The one owner of route state in a client: producers and
 * consumers ask here and never cache routes of their own beyond what they derive per send.
 *
 * <p>Concurrent fetches of one topic share one request.
 */
public final class Routes {

    private static final Logger LOG = LogManager.getLogger(Routes.class);

    private final NameServers nameServers;
    private final long timeoutMillis;
    private final Executor notifier;
    private final Map<String, TopicRoute> routes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TopicRoute>> fetching = new ConcurrentHashMap<>();
    private final Map<String, BrokerData> brokers = new ConcurrentHashMap<>();
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Routes fetched from {@code nameServers} with {@code timeoutMillis} per request; listeners are
     * told on {@code notifier}.
     */
    public Routes(NameServers nameServers, long timeoutMillis, Executor notifier) {
        this.nameServers = nameServers;
        this.timeoutMillis = timeoutMillis;
        this.notifier = notifier;
    }

    /** The name servers routes come from (admin requests to them go through here too). */
    public NameServers nameServers() {
        return nameServers;
    }

    /**
     * The route of {@code topic}: the cached one, or fetched now. Fails with {@link NoRouteException}
     * when no name server knows the topic.
     */
    public CompletableFuture<TopicRoute> route(String topic) {
        TopicRoute cached = routes.get(topic);
        return cached != null ? CompletableFuture.completedFuture(cached) : refresh(topic);
    }

    /** The cached route of {@code topic}, or null. */
    public TopicRoute cached(String topic) {
        return routes.get(topic);
    }

    /** Fetches the route of {@code topic} now (joining a fetch already under way). */
    public CompletableFuture<TopicRoute> refresh(String topic) {
        CompletableFuture<TopicRoute> mine = new CompletableFuture<>();
        CompletableFuture<TopicRoute> running = fetching.putIfAbsent(topic, mine);
        if (running != null) {
            return running;
        }
        fetch(topic).whenComplete((route, failure) -> {
            fetching.remove(topic, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(route);
            }
        });
        return mine;
    }

    private CompletableFuture<TopicRoute> fetch(String topic) {
        return query(topic).thenApply(route -> update(topic, route.data()));
    }

    /**
     * The route of {@code topic} as a name server publishes it now, without caching it or telling
     * listeners: for admin tools, which look at many topics (some about to be deleted) that this
     * client should not keep refreshing. Fails with {@link NoRouteException} when no name server knows it.
     */
    public CompletableFuture<TopicRoute> query(String topic) {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC,
                new GetRouteInfoRequestHeader(topic, null));
        return nameServers.invoke(request, timeoutMillis).thenApply(response -> {
            if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
                throw new NoRouteException(topic, "no name server knows a route for topic " + topic
                        + " (asked " + nameServers.current() + ")");
            }
            if (response.code() != ResponseCode.SUCCESS) {
                throw new BrokerRefusedException(nameServers.current(), response.code(), response.remark());
            }
            return TopicRoute.of(topic, RemotingJson.decode(response.body(), TopicRouteData.class));
        });
    }

    /** Records {@code data} as the route of {@code topic}, telling listeners when it changed. */
    TopicRoute update(String topic, TopicRouteData data) {
        TopicRoute route = TopicRoute.of(topic, data);
        TopicRoute previous;
        synchronized (brokers) {
            previous = routes.put(topic, route);
            for (BrokerData broker : data.brokerDatas()) {
                brokers.put(broker.brokerName(), broker);
            }
        }
        if (previous == null || !previous.data().equals(data)) {
            LOG.debug("route of {} is now {}", topic, data);
            for (RouteListener listener : listeners) {
                notifier.execute(() -> {
                    try {
                        listener.routeChanged(previous, route);
                    } catch (RuntimeException e) {
                        LOG.warn("route listener {} failed on {}", listener, topic, e);
                    }
                });
            }
        }
        return route;
    }

    /**
     * Fetches every cached topic's route again (failures are logged, the old route kept), then forgets
     * brokers no route names any more.
     */
    public CompletableFuture<Void> refreshAll() {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String topic : routes.keySet()) {
            all.add(refresh(topic).exceptionally(failure -> {
                LOG.warn("could not refresh the route of {}: {}", topic, failure.getMessage());
                return null;
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenRun(this::pruneBrokers);
    }

    /**
     * Forgets the broker groups that no cached route names any more (they left the cluster), so that
     * heartbeats and reconnects stop going to them.
     */
    private void pruneBrokers() {
        synchronized (brokers) {
            Set<String> named = new HashSet<>();
            for (TopicRoute route : routes.values()) {
                for (BrokerData broker : route.data().brokerDatas()) {
                    named.add(broker.brokerName());
                }
            }
            if (brokers.keySet().retainAll(named)) {
                LOG.debug("brokers named by the routes now: {}", named);
            }
        }
    }

    /** Stops refreshing {@code topic} (a consumer unsubscribed). */
    public void forget(String topic) {
        routes.remove(topic);
        pruneBrokers();
    }

    /** The topics with a cached route. */
    public Set<String> topics() {
        return Set.copyOf(routes.keySet());
    }

    /** The master address of broker group {@code brokerName} as last published, or null. */
    public String masterAddress(String brokerName) {
        BrokerData broker = brokers.get(brokerName);
        return broker == null ? null : broker.masterAddr();
    }

    /** The broker group {@code brokerName} as last published (every member's address), or null. */
    public BrokerData broker(String brokerName) {
        return brokers.get(brokerName);
    }

    /** Every broker address (masters and slaves) named by a route seen so far. */
    public Set<String> brokerAddresses() {
        Set<String> addresses = new HashSet<>();
        for (BrokerData broker : brokers.values()) {
            addresses.addAll(broker.brokerAddrs().values());
        }
        return addresses;
    }

    /** Whether {@code address} is a broker named by a route seen so far. */
    public boolean isBroker(String address) {
        for (BrokerData broker : brokers.values()) {
            if (broker.brokerAddrs().containsValue(address)) {
                return true;
            }
        }
        return false;
    }

    /** Tells {@code listener} of every route change from now on. */
    public Registration addListener(RouteListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
