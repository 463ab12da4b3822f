package dev.apogee.namesrv.processor;

import dev.apogee.namesrv.config.RuntimeSettings;
import dev.apogee.namesrv.kv.KvStore;
import dev.apogee.namesrv.route.RouteTable;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.body.TopicRouteData;
import dev.apogee.remoting.protocol.header.namesrv.GetRouteInfoRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The client family: GET_ROUTEINFO_BY_TOPIC, by far the most frequent name-server request (every
 * client polls each of its topics every 30 s), hence its own executor.
 *
 * <p>The route is always written as standard JSON (quoted keys); the official client reads that
 * whatever its version.
 */
public final class RouteQueryProcessor implements RequestProcessor {

    /** The codes this processor answers. */
    public static final int[] CODES = {RequestCode.GET_ROUTEINFO_BY_TOPIC};

    private final RouteTable routes;
    private final KvStore kv;
    private final RuntimeSettings settings;

    public RouteQueryProcessor(RouteTable routes, KvStore kv, RuntimeSettings settings) {
        this.routes = routes;
        this.kv = kv;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        String topic = request.header(GetRouteInfoRequestHeader.class).topic();
        Optional<TopicRouteData> route = routes.route(topic);
        if (route.isEmpty()) {
            return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic));
        }
        TopicRouteData data = route.get();
        if (settings.orderMessageEnable()) {
            data = data.withOrderTopicConf(kv.get(KvStore.ORDER_TOPIC_CONFIG, topic).orElse(null));
        }
        return CompletableFuture.completedFuture(RemotingCommand.success(request, RemotingJson.encode(data)));
    }
}
