package dev.apogee.broker.processor;

import dev.apogee.broker.client.ClientRegistry;
import dev.apogee.broker.filter.SqlFilters;
import dev.apogee.remoting.protocol.body.CheckClientRequestBody;
import dev.apogee.selector.InvalidSelectorException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import dev.apogee.broker.metadata.TopicConfigStore;
import dev.apogee.broker.topic.GroupTopics;
import dev.apogee.broker.topic.TopicNames;
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
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** HEART_BEAT (34), UNREGISTER_CLIENT (35) and GET_CONSUMER_LIST_BY_GROUP (38). */
public final class ClientManageProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT,
        RequestCode.GET_CONSUMER_LIST_BY_GROUP, RequestCode.CHECK_CLIENT_CONFIG};
    private static final Logger LOG = LogManager.getLogger(ClientManageProcessor.class);

    private final ClientRegistry clients;
    private final GroupTopics groupTopics;
    private final SqlFilters sqlFilters;
    private final boolean propertyFilter;
    private final Consumer<String> consumerGroupSeen;

    /**
     * @param topicsChanged     told after a group's retry topic was created (registration announces it)
     * @param propertyFilter    whether SQL92 subscriptions are served
     * @param consumerGroupSeen told every consumer group named in a heartbeat (its subscription group is created)
     */
    public ClientManageProcessor(ClientRegistry clients, TopicConfigStore topics, Runnable topicsChanged,
                                 SqlFilters sqlFilters, boolean propertyFilter, Consumer<String> consumerGroupSeen) {
        this.clients = clients;
        this.groupTopics = new GroupTopics(topics, topicsChanged);
        this.sqlFilters = sqlFilters;
        this.propertyFilter = propertyFilter;
        this.consumerGroupSeen = consumerGroupSeen;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws SQLException {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.HEART_BEAT -> {
                HeartbeatData heartbeat = RemotingJson.decode(request.body(), HeartbeatData.class);
                clients.heartbeat(context.channel(), heartbeat, request.language(), request.version());
                createRetryTopics(heartbeat);
                yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            case RequestCode.UNREGISTER_CLIENT -> {
                UnregisterClientRequestHeader header = request.header(UnregisterClientRequestHeader.class);
                clients.unregister(context.channel(), header.producerGroup(), header.consumerGroup());
                yield RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            }
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> consumerList(request);
        });
    }

    /**
     * Every consumer group gets its retry topic when it first shows up, as on the official broker,
     * so that its members learn the topic's route before their first retry.
     */
    private void createRetryTopics(HeartbeatData heartbeat) throws SQLException {
        for (HeartbeatData.ConsumerData consumer : heartbeat.consumerDataSet()) {
            consumerGroupSeen.accept(consumer.groupName());
            String retryTopic = SendBackProcessor.RETRY_PREFIX + consumer.groupName();
            if (TopicNames.problem(retryTopic) == null) {
                groupTopics.ensure(retryTopic);
            }
        }
    }

    /** A consumer asks before it subscribes with SQL92 whether this broker accepts the expression. */
    private RemotingCommand checkClientConfig(RemotingCommand request) {
        CheckClientRequestBody body = RemotingJson.decode(request.body(), CheckClientRequestBody.class);
        HeartbeatData.SubscriptionData subscription = body.subscriptionData();
        if (subscription == null || !SqlFilters.isSql(subscription.expressionType())) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        }
        if (!propertyFilter) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "The broker does not support consumer to filter message by " + subscription.expressionType()
                            + " (property-filter is off)");
        }
        try {
            sqlFilters.compile(subscription.expressionType(), subscription.subString());
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        } catch (InvalidSelectorException e) {
            LOG.info("Client {} of group {} subscribes with a bad {} expression: {}", body.clientId(), body.group(),
                    subscription.expressionType(), e.getMessage());
            return RemotingCommand.responseTo(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, e.getMessage());
        }
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
