package dev.apogee.namesrv.processor;

import dev.apogee.namesrv.config.RuntimeSettings;
import dev.apogee.namesrv.kv.KvStore;
import dev.apogee.namesrv.route.BrokerRegistration;
import dev.apogee.namesrv.route.RegistrationResult;
import dev.apogee.namesrv.route.RouteTable;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.KVTable;
import dev.apogee.remoting.protocol.body.RegisterBrokerBody;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.namesrv.BrokerHeartbeatRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.QueryDataVersionRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.QueryDataVersionResponseHeader;
import dev.apogee.remoting.protocol.header.namesrv.RegisterBrokerRequestHeader;
import dev.apogee.remoting.protocol.header.namesrv.RegisterBrokerResponseHeader;
import dev.apogee.remoting.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The broker family: REGISTER_BROKER, UNREGISTER_BROKER, BROKER_HEARTBEAT and QUERY_DATA_VERSION.
 */
public final class BrokerRegistrationProcessor implements RequestProcessor {

    /** The codes this processor answers. */
    public static final int[] CODES = {RequestCode.REGISTER_BROKER, RequestCode.UNREGISTER_BROKER,
        RequestCode.BROKER_HEARTBEAT, RequestCode.QUERY_DATA_VERSION};

    private static final Logger LOG = LogManager.getLogger(BrokerRegistrationProcessor.class);
    private static final long CRC_MASK = 0x7FFF_FFFFL;

    private final RouteTable routes;
    private final KvStore kv;
    private final RuntimeSettings settings;

    public BrokerRegistrationProcessor(RouteTable routes, KvStore kv, RuntimeSettings settings) {
        this.routes = routes;
        this.kv = kv;
        this.settings = settings;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.REGISTER_BROKER -> register(context, request);
            case RequestCode.UNREGISTER_BROKER -> unregister(request);
            case RequestCode.BROKER_HEARTBEAT -> heartbeat(request);
            case RequestCode.QUERY_DATA_VERSION -> queryDataVersion(request);
            default -> throw new IllegalArgumentException("unexpected request code " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    private RemotingCommand register(RequestContext context, RemotingCommand request) {
        RegisterBrokerRequestHeader header = request.header(RegisterBrokerRequestHeader.class);
        if (header.bodyCrc32() != 0 && !crcMatches(header.bodyCrc32(), request.body())) {
            LOG.warn("Registration of {} from {}: body CRC32 does not match", header.brokerAddr(),
                    context.remoteAddress());
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "crc32 not match");
        }
        RegisterBrokerBody body = RegisterBrokerBody.decode(request.body(), header.compressed(), request.version());
        RegistrationResult result = routes.register(new BrokerRegistration(header.clusterName(), header.brokerAddr(),
                header.brokerName(), header.brokerId(), header.haServerAddr(), header.zoneName(),
                header.heartbeatTimeoutMillis(), header.enableActingMaster(), body.topicConfigSerializeWrapper(),
                body.filterServerList()), context.channel());
        if (!result.accepted()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "register broker failed");
        }
        byte[] orderTopics = null;
        if (settings.returnOrderTopicConfigToBroker()) {
            Map<String, String> table = kv.namespace(KvStore.ORDER_TOPIC_CONFIG);
            orderTopics = table.isEmpty() ? null : RemotingJson.encode(new KVTable(table));
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                new RegisterBrokerResponseHeader(result.haServerAddr(), result.masterAddr()), orderTopics);
    }

    private RemotingCommand unregister(RemotingCommand request) {
        UnRegisterBrokerRequestHeader header = request.header(UnRegisterBrokerRequestHeader.class);
        routes.unregister(header.clusterName(), header.brokerAddr(), header.brokerName());
        LOG.info("Broker {}[{}] {} unregistered", header.brokerName(), header.brokerId(), header.brokerAddr());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand heartbeat(RemotingCommand request) {
        BrokerHeartbeatRequestHeader header = request.header(BrokerHeartbeatRequestHeader.class);
        routes.touch(header.clusterName(), header.brokerAddr());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand queryDataVersion(RemotingCommand request) {
        QueryDataVersionRequestHeader header = request.header(QueryDataVersionRequestHeader.class);
        DataVersion theirs = request.bodyLength() == 0 ? null : RemotingJson.decode(request.body(), DataVersion.class);
        DataVersion ours = routes.dataVersion(header.clusterName(), header.brokerAddr());
        routes.touch(header.clusterName(), header.brokerAddr());
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                new QueryDataVersionResponseHeader(ours == null || !ours.equals(theirs)),
                ours == null ? null : RemotingJson.encode(ours));
    }

    /**
     * Official brokers send the CRC32 with the sign bit cleared; the unmasked value is accepted too,
     * since it detects corruption just as well and hand-written clients tend to send it.
     */
    static boolean crcMatches(int expected, byte[] body) {
        CRC32 crc = new CRC32();
        if (body != null) {
            crc.update(body);
        }
        long value = crc.getValue();
        return expected == (int) (value & CRC_MASK) || expected == (int) value;
    }
}
