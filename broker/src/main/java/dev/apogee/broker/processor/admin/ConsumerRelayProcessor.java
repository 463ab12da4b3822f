package dev.apogee.broker.processor.admin;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.header.broker.ConsumeMessageDirectlyRequestHeader;
import dev.apogee.remoting.protocol.header.broker.GetConsumerRunningInfoRequestHeader;
import dev.apogee.remoting.protocol.message.MessageIds;
import dev.apogee.remoting.transport.RemotingTimeoutException;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * GET_CONSUMER_RUNNING_INFO (307) and CONSUME_MESSAGE_DIRECTLY (309): admin requests about one
 * consumer, relayed to it over the connection it keeps with this broker, and its answer relayed back.
 * For 309 the broker adds the message's stored record (found by its offset message id) as the body.
 */
public final class ConsumerRelayProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.CONSUME_MESSAGE_DIRECTLY};

    private final ClientRegistry clients;
    private final MessageStore store;
    private final String brokerName;
    private final BiFunction<Channel, RemotingCommand, CompletableFuture<RemotingCommand>> invoke;

    /** @param invoke sends a request to a client and completes with its answer (or a timeout) */
    public ConsumerRelayProcessor(ClientRegistry clients, MessageStore store, String brokerName,
                                  BiFunction<Channel, RemotingCommand, CompletableFuture<RemotingCommand>> invoke) {
        this.clients = clients;
        this.store = store;
        this.brokerName = brokerName;
        this.invoke = invoke;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        String group;
        String clientId;
        byte[] body = null;
        Map<String, String> fields = new HashMap<>(request.extFields());
        if (request.code() == RequestCode.GET_CONSUMER_RUNNING_INFO) {
            GetConsumerRunningInfoRequestHeader header = request.header(GetConsumerRunningInfoRequestHeader.class);
            group = header.consumerGroup();
            clientId = header.clientId();
        } else {
            ConsumeMessageDirectlyRequestHeader header = request.header(ConsumeMessageDirectlyRequestHeader.class);
            group = header.consumerGroup();
            clientId = header.clientId();
            ByteBuffer record = recordOf(header.msgId());
            if (record == null) {
                return reply(request, ResponseCode.SYSTEM_ERROR, "no message " + header.msgId() + " on this broker");
            }
            body = new byte[record.remaining()];
            record.duplicate().get(body);
            fields.put("brokerName", brokerName);
        }
        Channel channel = channelOf(group, clientId);
        if (channel == null) {
            return reply(request, ResponseCode.SYSTEM_ERROR, "The Consumer <" + group + "> <" + clientId + "> not online");
        }
        RemotingCommand relayed = RemotingCommand.request(request.code(), null, body).withExtFields(fields);
        return invoke.apply(channel, relayed).handle((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                int code = cause instanceof RemotingTimeoutException ? ResponseCode.CONSUME_MSG_TIMEOUT : ResponseCode.SYSTEM_ERROR;
                return RemotingCommand.responseTo(request, code, "consumer <" + group + "> <" + clientId + ">: " + cause);
            }
            return RemotingCommand.responseTo(request, answer.code(), answer.remark(), null, answer.body())
                    .withExtFields(answer.extFields());
        });
    }

    private ByteBuffer recordOf(String messageId) {
        if (messageId == null) {
            return null;
        }
        try {
            return store.recordAt(MessageIds.decode(messageId).physicalOffset());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Channel channelOf(String group, String clientId) {
        ClientRegistry.ConsumerGroup members = group == null ? null : clients.consumerGroup(group);
        if (members == null) {
            return null;
        }
        for (Map.Entry<Channel, String> member : members.members().entrySet()) {
            if (member.getValue().equals(clientId) && member.getKey().isActive()) {
                return member.getKey();
            }
        }
        return null;
    }

    private static CompletableFuture<RemotingCommand> reply(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
