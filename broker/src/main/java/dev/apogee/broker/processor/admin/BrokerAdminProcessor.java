package dev.apogee.broker.processor.admin;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.RuntimeSettings;
import dev.apogee.broker.stats.BrokerStats;
import dev.apogee.remoting.protocol.ProtocolVersion;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.body.DataVersion;
import dev.apogee.remoting.protocol.body.KVTable;
import dev.apogee.remoting.protocol.body.RemotingJson;
import dev.apogee.remoting.protocol.header.broker.BrokerConfigResponseHeader;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import dev.apogee.store.MessageStore;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The broker itself: GET_BROKER_RUNTIME_INFO (28), GET_BROKER_CONFIG (26) and UPDATE_BROKER_CONFIG (25).
 *
 * <p>An update may only touch {@link RuntimeSettings#KEYS}; a request naming anything else (paths,
 * addresses, ACL switches...) is refused whole with NO_PERMISSION and logged with its sender, and
 * nothing in it is applied. The body is only parsed as properties text: no value is ever used as a
 * path, a host or a command.
 */
public final class BrokerAdminProcessor implements RequestProcessor {

    public static final int[] CODES = {RequestCode.GET_BROKER_RUNTIME_INFO, RequestCode.GET_BROKER_CONFIG,
        RequestCode.UPDATE_BROKER_CONFIG};
    private static final Logger LOG = LogManager.getLogger(BrokerAdminProcessor.class);
    /** Larger than any update of the allowed keys could be; anything bigger is not a real request. */
    private static final int MAX_UPDATE_BYTES = 4096;

    private final BrokerConfig config;
    private final RuntimeSettings settings;
    private final MessageStore store;
    private final BrokerStats stats;
    private final Supplier<Map<String, String>> poolQueues;
    private volatile DataVersion settingsVersion = DataVersion.ZERO.next(System.currentTimeMillis());

    /** @param poolQueues the request pools' queue lengths, under the runtime-info keys */
    public BrokerAdminProcessor(BrokerConfig config, RuntimeSettings settings, MessageStore store, BrokerStats stats,
                                Supplier<Map<String, String>> poolQueues) {
        this.config = config;
        this.settings = settings;
        this.store = store;
        this.stats = stats;
        this.poolQueues = poolQueues;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        return CompletableFuture.completedFuture(switch (request.code()) {
            case RequestCode.GET_BROKER_RUNTIME_INFO ->
                    RemotingCommand.success(request, RemotingJson.encode(new KVTable(runtimeInfo())));
            case RequestCode.GET_BROKER_CONFIG -> RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null,
                    new BrokerConfigResponseHeader(new String(RemotingJson.encode(settingsVersion), StandardCharsets.UTF_8)),
                    BrokerSettingsText.of(config, settings).getBytes(StandardCharsets.UTF_8));
            default -> update(context, request);
        });
    }

    private RemotingCommand update(RequestContext context, RemotingCommand request) {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        }
        if (body.length > MAX_UPDATE_BYTES) {
            return refuse(context, request, ResponseCode.INVALID_PARAMETER,
                    "the update is larger than " + MAX_UPDATE_BYTES + " bytes");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(body, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return refuse(context, request, ResponseCode.INVALID_PARAMETER, "the update is not properties text");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> changes.put(key, properties.getProperty(key)));
        String refusal = settings.update(changes);
        if (refusal != null) {
            boolean unknownKey = !RuntimeSettings.KEYS.containsAll(changes.keySet());
            return refuse(context, request, unknownKey ? ResponseCode.NO_PERMISSION : ResponseCode.INVALID_PARAMETER,
                    refusal);
        }
        settingsVersion = settingsVersion.next(System.currentTimeMillis());
        LOG.info("Broker settings changed by {}: {}", context.remoteAddress(), changes);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    /** The keys that {@code mqadmin clusterList} and {@code brokerStatus} read, from real counters. */
    private Map<String, String> runtimeInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        // The protocol level Apogee speaks, in the official ordinal and name.
        info.put("brokerVersion", String.valueOf(ProtocolVersion.CURRENT));
        info.put("brokerVersionDesc", "V5_5_0");
        info.put("brokerActive", "true");
        info.put("bootTimestamp", String.valueOf(stats.bootMillis()));
        info.put("startAcceptSendRequestTimeStamp", String.valueOf(stats.bootMillis()));
        String putTps = rate(stats.putTpsTotal());
        String getTps = rate(stats.getTpsTotal());
        info.put("putTps", putTps);
        info.put("getTransferredTps", getTps);
        // The spelling of 4.x tools and dashboards.
        info.put("getTransferedTps", getTps);
        info.put("getFoundTps", getTps);
        info.put("msgPutTotalTodayNow", String.valueOf(stats.putTotal()));
        info.put("msgGetTotalTodayNow", String.valueOf(stats.getTotal()));
        info.put("msgPutTotalTodayMorning", String.valueOf(stats.putTotalTodayMorning()));
        info.put("msgPutTotalYesterdayMorning", String.valueOf(stats.putTotalYesterdayMorning()));
        info.put("msgGetTotalTodayMorning", String.valueOf(stats.getTotalTodayMorning()));
        info.put("msgGetTotalYesterdayMorning", String.valueOf(stats.getTotalYesterdayMorning()));
        long minOffset = store.commitLogMinOffset();
        long maxOffset = store.commitLogMaxOffset();
        info.put("commitLogMinOffset", String.valueOf(minOffset));
        info.put("commitLogMaxOffset", String.valueOf(maxOffset));
        info.put("dispatchBehindBytes", String.valueOf(Math.max(0, maxOffset - store.dispatchedOffset())));
        info.put("commitLogDiskRatio", String.valueOf(diskUsedRatio()));
        info.put("earliestMessageTimeStamp", earliestMessageTime(minOffset, maxOffset));
        // The commit log has a single writer thread and no page-cache lock to wait for.
        info.put("pageCacheLockTimeMills", "0");
        info.putAll(poolQueues.get());
        return info;
    }

    private static String rate(double perSecond) {
        return String.format(java.util.Locale.ROOT, "%.2f", perSecond);
    }

    /** Used fraction (0..1) of the disk holding the data directory; -1 if unknown. */
    private double diskUsedRatio() {
        try {
            java.nio.file.FileStore disk = java.nio.file.Files.getFileStore(config.dataDir().toAbsolutePath());
            long total = disk.getTotalSpace();
            return total <= 0 ? -1 : (double) (total - disk.getUsableSpace()) / total;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Store time of the oldest kept message, or empty (the tools then skip it) when the log is empty. */
    private String earliestMessageTime(long minOffset, long maxOffset) {
        if (maxOffset <= minOffset) {
            return "";
        }
        try {
            var first = store.messageAt(minOffset);
            return first == null ? "" : String.valueOf(first.storeTimestamp());
        } catch (RuntimeException e) {
            // A segment dropped by retention under our feet: report nothing rather than fail the request.
            return "";
        }
    }

    private static RemotingCommand refuse(RequestContext context, RemotingCommand request, int code, String why) {
        LOG.warn("{} from {} refused: {}", RequestCode.name(request.code()), context.remoteAddress(), why);
        return RemotingCommand.responseTo(request, code, why);
    }
}
