package dev.apogee.client.consumer.info;

import dev.apogee.client.Registration;
import dev.apogee.client.core.ClientRuntime;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.ConsumerRunningInfo;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.broker.GetConsumerRunningInfoRequestHeader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Answers GET_CONSUMER_RUNNING_INFO, which an admin (the official {@code mqadmin consumerStatus}, or
 * ours) sends to one client through its broker: the consumer of the named group describes its queues,
 * subscriptions and settings. A runtime has one handler per request code and may carry consumers of
 * several groups, so this is a shared component of the runtime ({@link #of}).
 */
public final class RunningInfoRequests implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(RunningInfoRequests.class);
    /** The protocol version this client speaks, in the official client's notation. */
    public static final String CLIENT_VERSION = "V5_5_0";

    private final Map<String, Supplier<ConsumerRunningInfo>> describers = new ConcurrentHashMap<>();
    private final Registration handler;

    private RunningInfoRequests(ClientRuntime runtime) {
        this.handler = runtime.registerBrokerRequestHandler(RequestCode.GET_CONSUMER_RUNNING_INFO,
                (context, request) -> CompletableFuture.completedFuture(answer(request)));
    }

    /** The component of {@code runtime}. */
    public static RunningInfoRequests of(ClientRuntime runtime) {
        return runtime.shared(RunningInfoRequests.class, RunningInfoRequests::new);
    }

    /**
     * Makes {@code describer} answer for {@code group} until the registration is closed. A runtime has one
     * consumer per group, as the brokers see one client id per group.
     */
    public Registration describe(String group, Supplier<ConsumerRunningInfo> describer) {
        describers.put(group, describer);
        return () -> describers.remove(group, describer);
    }

    /**
     * The properties every consumer reports: name servers, consume type and order, client version, start
     * time, group, message model and start position, as the official consumer names them.
     */
    public static Map<String, String> properties(List<String> nameServers, String group, String consumeType,
                                                 boolean orderly, String messageModel, String consumeFromWhere,
                                                 long startedAtMillis) {
        Map<String, String> properties = new TreeMap<>();
        properties.put(ConsumerRunningInfo.PROP_NAMESERVER_ADDR, String.join(";", nameServers));
        properties.put(ConsumerRunningInfo.PROP_CONSUME_TYPE, consumeType);
        properties.put(ConsumerRunningInfo.PROP_CONSUME_ORDERLY, String.valueOf(orderly));
        properties.put(ConsumerRunningInfo.PROP_CLIENT_VERSION, CLIENT_VERSION);
        properties.put(ConsumerRunningInfo.PROP_CONSUMER_START_TIMESTAMP, String.valueOf(startedAtMillis));
        properties.put("consumerGroup", group);
        properties.put("messageModel", messageModel);
        properties.put("consumeFromWhere", consumeFromWhere);
        return properties;
    }

    private RemotingCommand answer(RemotingCommand request) {
        GetConsumerRunningInfoRequestHeader header;
        try {
            header = request.header(GetConsumerRunningInfoRequestHeader.class);
        } catch (RuntimeException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "bad request: " + e.getMessage());
        }
        Supplier<ConsumerRunningInfo> describer = describers.get(header.consumerGroup());
        if (describer == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The Consumer Group <" + header.consumerGroup() + "> not exist in this consumer");
        }
        try {
            ConsumerRunningInfo info = describer.get();
            if (Boolean.TRUE.equals(header.jstackEnable())) {
                info = new ConsumerRunningInfo(info.properties(), info.subscriptionSet(), info.mqTable(),
                        info.mqPopTable(), info.statusTable(), info.userConsumerInfo(), threadDump());
            }
            return RemotingCommand.success(request, RemotingJson.encode(info));
        } catch (RuntimeException e) {
            LOG.warn("describing consumer group {} failed", header.consumerGroup(), e);
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "describing consumer group " + header.consumerGroup() + " failed: " + e);
        }
    }

    /** Every thread's state and stack, as {@code jstack} would list them. */
    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState()).append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("\tat ").append(frame).append('\n');
            }
            dump.append('\n');
        }
        return dump.toString();
    }

    @Override
    public void close() {
        handler.close();
    }
}
