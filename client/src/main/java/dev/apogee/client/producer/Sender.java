package dev.apogee.client.producer;

import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.ConnectBackoffException;
import dev.apogee.client.NetworkException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.RequestTimeoutException;
import dev.apogee.client.message.Topics;
import dev.apogee.client.net.Rpc;
import dev.apogee.client.route.Routes;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.MessageQueue;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeaderV2;
import dev.apogee.remoting.protocol.header.broker.SendMessageResponseHeader;
import dev.apogee.remoting.protocol.message.MessageProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The sending kernel of a producer: picks a queue, sends SEND_MESSAGE_V2 (or SEND_BATCH_MESSAGE) to
 * its broker's master, reads the answer, and on a retriable failure tries again on another broker
 * while attempts and the send timeout last. Non-blocking throughout: every step continues on the
 * thread that completed the previous one.
 */
final class Sender {

    private static final Logger LOG = LogManager.getLogger(Sender.class);
    /** What the official broker reports when the response names no region. */
    static final String DEFAULT_REGION = "DefaultRegion";

    private final ProducerSettings settings;
    private final Rpc rpc;
    private final Routes routes;
    private final PublishRoutes publishRoutes;
    private final BrokerFaults faults;

    Sender(ProducerSettings settings, Rpc rpc, Routes routes, PublishRoutes publishRoutes, BrokerFaults faults) {
        this.settings = settings;
        this.rpc = rpc;
        this.routes = routes;
        this.publishRoutes = publishRoutes;
        this.faults = faults;
    }

    /** Sends {@code send}, with up to {@code retries} further attempts on other brokers. */
    CompletableFuture<SendResult> send(PreparedSend send, int retries, boolean retryWhenNotStored) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        return attempt(send, deadline, 0, retries + 1, null, null, retryWhenNotStored);
    }

    private CompletableFuture<SendResult> attempt(PreparedSend send, long deadline, int attempt, int attempts,
                                                  String lastBroker, Throwable lastFailure,
                                                  boolean retryWhenNotStored) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return CompletableFuture.failedFuture(timedOut(send, attempt, lastFailure));
        }
        return publishRoutes.get(send.topic()).thenCompose(route -> {
            MessageQueue queue = route.pick(lastBroker, faults);
            return once(send, queue, left).handle((result, failure) -> {
                boolean last = attempt + 1 >= attempts;
                if (failure == null) {
                    if (result.status() == SendStatus.SEND_OK || !retryWhenNotStored || last) {
                        return CompletableFuture.completedFuture(result);
                    }
                    LOG.warn("send of {} to {} answered {}; trying another broker", send.messageId(), queue,
                            result.status());
                    return attempt(send, deadline, attempt + 1, attempts, queue.brokerName(), null, true);
                }
                Throwable cause = Rpc.unwrap(failure);
                if (cause instanceof ConnectBackoffException backoff) {
                    return afterBackoff(send, deadline, attempt, attempts, queue.brokerName(), lastFailure, backoff,
                            retryWhenNotStored);
                }
                if (lastFailure != null && lastFailure != cause) {
                    cause.addSuppressed(lastFailure);
                }
                if (last || !isRetriable(cause)) {
                    return CompletableFuture.<SendResult>failedFuture(cause);
                }
                LOG.warn("send of {} to {} failed ({}); trying another broker", send.messageId(), queue,
                        cause.getMessage());
                return attempt(send, deadline, attempt + 1, attempts, queue.brokerName(), cause, retryWhenNotStored);
            }).thenCompose(next -> next);
        });
    }

    /**
     * An attempt refused before anything was sent (its broker could not be connected to a moment ago)
     * spends no attempt: another broker is tried at once, and when that one is held off too, the
     * send waits out the shorter wait within its time. Right after brokers come back, every connect
     * made while they were down has left such a wait, and failing a send that would go through a
     * millisecond later helps nobody.
     */
    private CompletableFuture<SendResult> afterBackoff(PreparedSend send, long deadline, int attempt, int attempts,
                                                      String broker, Throwable lastFailure,
                                                      ConnectBackoffException backoff, boolean retryWhenNotStored) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (backoff.waitMillis() >= left) {
            return CompletableFuture.failedFuture(lastFailure == null ? backoff : lastFailure);
        }
        boolean heldOffTwice = lastFailure instanceof ConnectBackoffException;
        Executor when = heldOffTwice ? CompletableFuture.delayedExecutor(backoff.waitMillis(), TimeUnit.MILLISECONDS)
                : Runnable::run;
        return CompletableFuture.supplyAsync(() -> attempt(send, deadline, attempt, attempts, broker, backoff,
                retryWhenNotStored), when).thenCompose(next -> next);
    }

    private boolean isRetriable(Throwable failure) {
        return failure instanceof NetworkException
                || (failure instanceof BrokerRefusedException refused && settings.retryCodes().contains(refused.responseCode()))
                || (failure instanceof NoRouteException && failure.getMessage().startsWith("no master"));
    }

    private static ClientException timedOut(PreparedSend send, int attempts, Throwable lastFailure) {
        return new RequestTimeoutException(null, "the send of " + send.messageId() + " to " + send.topic()
                + " timed out after " + attempts + " attempt(s)"
                + (lastFailure == null ? "" : "; last failure: " + lastFailure.getMessage()), lastFailure);
    }

    /** One attempt to {@code queue}: no retry, faults recorded. */
    CompletableFuture<SendResult> once(PreparedSend send, MessageQueue queue, long timeoutMillis) {
        String address = routes.masterAddress(queue.brokerName());
        if (address == null) {
            return CompletableFuture.failedFuture(new NoRouteException(send.topic(), "no master address for broker "
                    + queue.brokerName() + " of topic " + send.topic()));
        }
        long start = System.nanoTime();
        return rpc.invoke(address, request(send, queue), timeoutMillis).handle((response, failure) -> {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (failure != null) {
                faults.record(queue.brokerName(), latency, true);
                throw asRuntime(Rpc.unwrap(failure));
            }
            SendStatus status = status(response.code());
            if (status == null) {
                faults.record(queue.brokerName(), latency, true);
                throw new BrokerRefusedException(address, response.code(), response.remark());
            }
            faults.record(queue.brokerName(), latency, false);
            return result(send, queue, status, response);
        });
    }

    /** Sends {@code send} oneway to the next queue: one attempt, no answer, nothing retried. */
    CompletableFuture<Void> oneway(PreparedSend send) {
        return publishRoutes.get(send.topic()).thenCompose(route -> {
            MessageQueue queue = route.pick(null, faults);
            String address = routes.masterAddress(queue.brokerName());
            if (address == null) {
                return CompletableFuture.failedFuture(new NoRouteException(send.topic(), "no master address for broker "
                        + queue.brokerName() + " of topic " + send.topic()));
            }
            return rpc.oneway(address, request(send, queue));
        });
    }

    private RemotingCommand request(PreparedSend send, MessageQueue queue) {
        SendMessageRequestHeaderV2 header = new SendMessageRequestHeaderV2(settings.group(), send.topic(),
                Topics.AUTO_CREATE_KEY, settings.defaultTopicQueueNums(), queue.queueId(), send.sysFlag(),
                System.currentTimeMillis(), 0, send.properties(), 0, false, null, send.batch(), queue.brokerName());
        return RemotingCommand.request(send.batch() ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2,
                header, send.body());
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new ClientException(failure.toString(), failure);
    }

    private static SendStatus status(int code) {
        return switch (code) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> null;
        };
    }

    private static SendResult result(PreparedSend send, MessageQueue queue, SendStatus status,
                                     RemotingCommand response) {
        SendMessageResponseHeader header = response.header(SendMessageResponseHeader.class);
        String region = response.extFields().get(MessageProperties.MSG_REGION);
        String trace = response.extFields().get(MessageProperties.TRACE_ON);
        return new SendResult(status, send.messageId(), header.msgId(),
                new MessageQueue(send.topic(), queue.brokerName(), header.queueId()), header.queueOffset(),
                header.transactionId(), region == null || region.isEmpty() ? DEFAULT_REGION : region,
                !"false".equals(trace));
    }
}
