package dev.apogee.client.pop;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientClosedException;
import dev.apogee.client.ConnectBackoffException;
import dev.apogee.client.NetworkException;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.client.net.Rpc;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.PopMessageRequestHeader;
import dev.apogee.remoting.protocol.header.broker.PopMessageResponseHeader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The pops one receive of a {@link PopConsumer} makes: every broker group of the topic asked without
 * waiting, then a long poll on one of them, with the failures a broker that is down or held off brings.
 *
 * <p>Thread-safe (stateless beyond the consumer's settings).
 */
final class PopRounds {

    private static final Logger LOG = LogManager.getLogger(PopRounds.class);

    private final PopSettings settings;
    private final ClientRuntime runtime;
    private final Runnable checkOpen;

    /** @param checkOpen throws if the consumer was closed */
    PopRounds(PopSettings settings, ClientRuntime runtime, Runnable checkOpen) {
        this.settings = settings;
        this.runtime = runtime;
        this.checkOpen = checkOpen;
    }

    /**
     * Tries the targets without waiting, in order, and returns the first batch found; if none, waits on
     * the first broker of the topic that answered. Fails only when every broker of the topic failed
     * (a broker down costs its messages, not the receive).
     */
    CompletableFuture<List<ReceivedMessage>> sweep(PopRequest request, List<PopTarget> list) {
        return sweep(request, list, 0, new LinkedHashMap<>());
    }

    private CompletableFuture<List<ReceivedMessage>> sweep(PopRequest request, List<PopTarget> list, int index,
                                                           Map<String, Throwable> failed) {
        if (index == list.size()) {
            return afterSweep(request, list, failed);
        }
        PopTarget target = list.get(index);
        return pop(request, target, -1, 0).handle((found, failure) -> {
            if (failure != null) {
                Throwable cause = Rpc.unwrap(failure);
                if (cause instanceof ClientClosedException) {
                    return CompletableFuture.<List<ReceivedMessage>>failedFuture(cause);
                }
                LOG.debug("pop of {} from {} failed: {}", target.storedTopic(), target.brokerName(), cause.toString());
                if (!target.retry()) {
                    failed.putIfAbsent(target.brokerName(), cause);
                }
                return sweep(request, list, index + 1, failed);
            }
            return found.isEmpty() ? sweep(request, list, index + 1, failed) : CompletableFuture.completedFuture(found);
        }).thenCompose(next -> next);
    }

    private CompletableFuture<List<ReceivedMessage>> afterSweep(PopRequest request, List<PopTarget> list,
                                                                Map<String, Throwable> failed) {
        List<PopTarget> healthy = list.stream().filter(t -> !t.retry() && !failed.containsKey(t.brokerName())).toList();
        if (healthy.isEmpty()) {
            long wait = heldOffOnly(failed);
            if (wait >= 0 && wait < request.pollMillis()) {
                // Every broker was only held off (it could not be connected to a moment ago): right after
                // brokers come back that is every one of them, so the sweep is tried again once the
                // shortest wait is over, within the caller's poll time, rather than failing the receive.
                PopRequest rest = request.withPollMillis(request.pollMillis() - wait);
                return CompletableFuture.supplyAsync(() -> sweep(rest, list, 0, new LinkedHashMap<>()),
                        CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)).thenCompose(next -> next);
            }
            return failed.isEmpty() ? CompletableFuture.completedFuture(List.of())
                    : CompletableFuture.failedFuture(failed.values().iterator().next());
        }
        if (request.pollMillis() == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return longPoll(request, healthy, 0, System.nanoTime() + request.pollMillis() * 1_000_000L);
    }

    /** The shortest wait when every failure was a connect backoff refusal; -1 otherwise (or with none). */
    private static long heldOffOnly(Map<String, Throwable> failed) {
        long shortest = -1;
        for (Throwable failure : failed.values()) {
            if (!(failure instanceof ConnectBackoffException backoff)) {
                return -1;
            }
            shortest = shortest < 0 ? backoff.waitMillis() : Math.min(shortest, backoff.waitMillis());
        }
        return shortest;
    }

    /**
     * Long-polls {@code healthy.get(index)} for what is left of the poll time. A broker that goes away
     * mid-poll (its connection drops) hands the wait on to the next healthy one, so that a broker down
     * still costs only its own messages; the receive fails only when the last of them failed too.
     */
    private CompletableFuture<List<ReceivedMessage>> longPoll(PopRequest request, List<PopTarget> healthy, int index,
                                                              long deadlineNanos) {
        PopTarget target = healthy.get(index);
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        return pop(request, target, -1, left).handle((found, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(found);
            }
            Throwable cause = Rpc.unwrap(failure);
            boolean more = index + 1 < healthy.size();
            if (!more || !(cause instanceof NetworkException)) {
                return CompletableFuture.<List<ReceivedMessage>>failedFuture(cause);
            }
            LOG.debug("long poll of {} on {} failed ({}); polling {} instead", target.storedTopic(),
                    target.brokerName(), cause.toString(), healthy.get(index + 1).brokerName());
            if (deadlineNanos - System.nanoTime() <= 0) {
                return CompletableFuture.completedFuture(List.<ReceivedMessage>of());
            }
            return longPoll(request, healthy, index + 1, deadlineNanos);
        }).thenCompose(next -> next);
    }

    /** One POP_MESSAGE to {@code target} ({@code queueId} -1: every queue there), waiting up to {@code pollMillis}. */
    CompletableFuture<List<ReceivedMessage>> pop(PopRequest request, PopTarget target, int queueId, long pollMillis) {
        checkOpen.run();
        FilterExpression filter = request.filter();
        RemotingCommand command = RemotingCommand.request(RequestCode.POP_MESSAGE, new PopMessageRequestHeader(
                settings.group(), target.storedTopic(), queueId, request.maxMessages(), request.invisibleMillis(),
                pollMillis, System.currentTimeMillis(), settings.startFromLast() ? 1 : 0, filter.type(),
                filter.expression(), null, null, settings.keepUnmatched() ? Boolean.TRUE : null));
        long timeout = pollMillis + settings.requestTimeout().toMillis();
        return runtime.rpc().invoke(target.address(), command, timeout).thenApply(response -> switch (response.code()) {
            case ResponseCode.SUCCESS -> PopAnswers.decode(response.body(), response.header(PopMessageResponseHeader.class),
                    target.brokerName(), request.topic());
            case ResponseCode.PULL_NOT_FOUND, ResponseCode.POLLING_TIMEOUT, ResponseCode.POLLING_FULL -> List.of();
            default -> throw new BrokerRefusedException(target.address(), response.code(), response.remark());
        });
    }
}
