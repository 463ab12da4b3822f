package dev.apogee.namesrv.processor;

import dev.apogee.namesrv.config.RuntimeSettings;
import dev.apogee.namesrv.config.SettingRejectedException;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.transport.RequestContext;
import dev.apogee.remoting.transport.RequestProcessor;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The config family: GET_NAMESRV_CONFIG answers the effective settings as a properties text;
 * UPDATE_NAMESRV_CONFIG changes only the allow-listed {@link RuntimeSettings}, refusing the whole
 * request with NO_PERMISSION if it names any other key.
 */
public final class NamesrvConfigProcessor implements RequestProcessor {

    /** The codes this processor answers. */
    public static final int[] CODES = {RequestCode.UPDATE_NAMESRV_CONFIG, RequestCode.GET_NAMESRV_CONFIG};

    private static final Logger LOG = LogManager.getLogger(NamesrvConfigProcessor.class);

    private final RuntimeSettings settings;
    private final Supplier<Map<String, String>> startupSettings;

    /**
     * @param settings        the changeable settings
     * @param startupSettings the fixed settings to report beside them
     */
    public NamesrvConfigProcessor(RuntimeSettings settings, Supplier<Map<String, String>> startupSettings) {
        this.settings = settings;
        this.startupSettings = startupSettings;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws IOException {
        RemotingCommand response = switch (request.code()) {
            case RequestCode.GET_NAMESRV_CONFIG -> RemotingCommand.success(request, effectiveConfig());
            case RequestCode.UPDATE_NAMESRV_CONFIG -> update(context, request);
            default -> throw new IllegalArgumentException("unexpected request code " + request.code());
        };
        return CompletableFuture.completedFuture(response);
    }

    private byte[] effectiveConfig() {
        Map<String, String> all = new TreeMap<>(startupSettings.get());
        all.putAll(settings.snapshot());
        StringBuilder text = new StringBuilder();
        all.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private RemotingCommand update(RequestContext context, RemotingCommand request) throws IOException {
        if (request.bodyLength() == 0) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        }
        Properties properties = new Properties();
        properties.load(new StringReader(new String(request.body(), StandardCharsets.UTF_8)));
        Map<String, String> changes = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> changes.put(key, properties.getProperty(key)));
        try {
            settings.update(changes);
        } catch (SettingRejectedException e) {
            LOG.warn("Refused config update {} from {}: {}", changes.keySet(), context.remoteAddress(), e.getMessage());
            int code = e.reason() == SettingRejectedException.Reason.NOT_CHANGEABLE
                    ? ResponseCode.NO_PERMISSION : ResponseCode.INVALID_PARAMETER;
            return RemotingCommand.responseTo(request, code, e.getMessage());
        }
        LOG.info("Config updated by {}: {}", context.remoteAddress(), changes);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }
}
