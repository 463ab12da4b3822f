package dev.apogee.broker.processor;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.ConsumerIdList;
import dev.apogee.remoting.protocol.body.HeartbeatData;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.broker.ConsumerGroupRequestHeader;
import dev.apogee.remoting.protocol.header.broker.UnregisterClientRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** HEART_BEAT (34), UNREGISTER_CLIENT (35) and GET_CONSUMER_LIST_BY_GROUP (38). */
public final class ClientManageProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT,
        RequestCode.GET_CONSUMER_LIST_BY_GROUP};

    private final ClientRegistry clients;

    public ClientManageProcessor(ClientRegistry clients) {
        this.clients = clients;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.HEART_BEAT -> {
                clients.heartbeat(context.channel(), RemotingJson.decode(request.body(), HeartbeatData.class));
                yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            case RequestCode.UNREGISTER_CLIENT -> {
                UnregisterClientRequestHeader header = request.header(UnregisterClientRequestHeader.class);
                clients.unregister(context.channel(), header.producerGroup(), header.consumerGroup());
                yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            default -> consumerList(request);
        });
    }

    private RemotingCommand consumerList(RemotingCommand request) {
        String groupName = request.header(ConsumerGroupRequestHeader.class).consumerGroup();
        ClientRegistry.ConsumerGroup group = clients.consumerGroup(groupName);
        List<String> ids = group == null ? List.of() : group.clientIds();
        if (ids.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + groupName);
        }
        return RemotingCommand.success(request, RemotingJson.encode(new ConsumerIdList(ids)));
    }
}
