package dev.apogee.namesrv.processor;

import dev.apogee.namesrv.config.RuntimeSettings;
import dev.apogee.namesrv.route.RouteTable;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.GetBrokerMemberGroupResponseBody;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicList;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import dev.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.AddWritePermOfBrokerResponseHeader;
import dev.apogee.remoting.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetBrokerMemberGroupRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.RegisterTopicRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The cluster-admin family: cluster info, the topic lists, broker write permission, topic
 * deletion and registration, broker member groups.
 */
public final class ClusterAdminProcessor implements RequestProcessor {

    /** The codes this processor answers. */
    public static final int[] CODES = {RequestCode.GET_BROKER_CLUSTER_INFO,
        RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, RequestCode.GET_TOPICS_BY_CLUSTER,
        RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, RequestCode.GET_UNIT_TOPIC_LIST,
        RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST,
        RequestCode.WIPE_WRITE_PERM_OF_BROKER, RequestCode.ADD_WRITE_PERM_OF_BROKER,
        RequestCode.DELETE_TOPIC_IN_NAMESRV, RequestCode.REGISTER_TOPIC_IN_NAMESRV,
        RequestCode.GET_BROKER_MEMBER_GROUP};

    private static final Logger LOG = LogManager.getLogger(ClusterAdminProcessor.class);
    /** The official server's remark when a topic list is switched off. */
    private static final String DISABLED = "disable";

    private final RouteTable routes;
    private final RuntimeSettings settings;

    public ClusterAdminProcessor(RouteTable routes, RuntimeSettings settings) {
        this.routes = routes;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.GET_BROKER_CLUSTER_INFO ->
                    RemotingCommand.success(request, RemotingJson.encode(routes.clusterInfo()));
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER ->
                    topicList(request, settings.enableAllTopicList(), routes::allTopics);
            case RequestCode.GET_TOPICS_BY_CLUSTER -> topicList(request, settings.enableTopicList(),
                    () -> routes.topicsOfCluster(request.header(GetTopicsByClusterRequestHeader.class).cluster()));
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS -> topicList(request, true, routes::systemTopics);
            case RequestCode.GET_UNIT_TOPIC_LIST ->
                    topicList(request, settings.enableTopicList(), () -> routes.topicsWithFlags(true, null));
            case RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST ->
                    topicList(request, settings.enableTopicList(), () -> routes.topicsWithFlags(null, true));
            case RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST ->
                    topicList(request, settings.enableTopicList(), () -> routes.topicsWithFlags(false, true));
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER -> wipeWritePerm(context, request);
            case RequestCode.ADD_WRITE_PERM_OF_BROKER -> addWritePerm(context, request);
            case RequestCode.DELETE_TOPIC_IN_NAMESRV -> deleteTopic(context, request);
            case RequestCode.REGISTER_TOPIC_IN_NAMESRV -> registerTopic(request);
            case RequestCode.GET_BROKER_MEMBER_GROUP -> memberGroup(request);
            default -> throw new IllegalArgumentException("unexpected request code " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    private static RemotingCommand topicList(RemotingCommand request, boolean enabled, Supplier<TopicList> list) {
        if (!enabled) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, DISABLED);
        }
        return RemotingCommand.success(request, RemotingJson.encode(list.get()));
    }

    private RemotingCommand wipeWritePerm(RequestContext context, RemotingCommand request) {
        String brokerName = request.header(WipeWritePermOfBrokerRequestHeader.class).brokerName();
        int topics = routes.wipeWritePerm(brokerName);
        LOG.info("Write permission of broker {} wiped on {} topics, asked by {}", brokerName, topics,
                context.remoteAddress());
        return RemotingCommand.success(request, new WipeWritePermOfBrokerResponseHeader(topics));
    }

    private RemotingCommand addWritePerm(RequestContext context, RemotingCommand request) {
        String brokerName = request.header(AddWritePermOfBrokerRequestHeader.class).brokerName();
        int topics = routes.addWritePerm(brokerName);
        LOG.info("Write permission of broker {} restored on {} topics, asked by {}", brokerName, topics,
                context.remoteAddress());
        return RemotingCommand.success(request, new AddWritePermOfBrokerResponseHeader(topics));
    }

    private RemotingCommand deleteTopic(RequestContext context, RemotingCommand request) {
        DeleteTopicFromNamesrvRequestHeader header = request.header(DeleteTopicFromNamesrvRequestHeader.class);
        routes.deleteTopic(header.topic(), header.clusterName());
        LOG.info("Topic {} deleted{}, asked by {}", header.topic(),
                header.clusterName() == null ? "" : " from cluster " + header.clusterName(), context.remoteAddress());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand registerTopic(RemotingCommand request) {
        String topic = request.header(RegisterTopicRequestHeader.class).topic();
        // Like the official server: a missing or queue-less body registers nothing and still succeeds.
        if (request.bodyLength() > 0) {
            TopicRouteData route = RemotingJson.decode(request.body(), TopicRouteData.class);
            if (!route.queueDatas().isEmpty()) {
                routes.registerTopic(topic, route.queueDatas());
            }
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand memberGroup(RemotingCommand request) {
        GetBrokerMemberGroupRequestHeader header = request.header(GetBrokerMemberGroupRequestHeader.class);
        return RemotingCommand.success(request, RemotingJson.encode(new GetBrokerMemberGroupResponseBody(
                routes.memberGroup(header.clusterName(), header.brokerName()))));
    }
}
