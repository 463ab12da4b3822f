package dev.apogee.broker.processor.admin;

import dev.apogee.broker.BrokerConfig;
import dev.apogee.broker.RuntimeSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker's effective settings as properties text (GET_BROKER_CONFIG), under the official key
 * names where one exists, so that {@code mqadmin getBrokerConfig} reads familiar names. Read-only:
 * only the {@link RuntimeSettings} keys can be changed, and only through their own checks.
 */
final class BrokerSettingsText {

    private BrokerSettingsText() {
    }

    static String of(BrokerConfig config, RuntimeSettings settings) {
        Map<String, String> values = new TreeMap<>();
        values.put("brokerName", config.brokerName());
        values.put("brokerClusterName", config.clusterName());
        values.put("brokerId", String.valueOf(config.brokerId()));
        values.put("brokerIP1", config.advertisedHost());
        values.put("listenPort", String.valueOf(config.listenPort()));
        values.put("namesrvAddr", String.join(";", config.nameServers()));
        values.put("storePathRootDir", config.dataDir().toAbsolutePath().toString());
        values.put("flushDiskType", config.flushMode().name());
        values.put("defaultTopicQueueNums", String.valueOf(config.defaultQueueNums()));
        values.put("registerBrokerIntervalMills", String.valueOf(config.registerInterval().toMillis()));
        values.put("mappedFileSizeCommitLog", String.valueOf(config.commitLogSegmentSize()));
        values.put("transactionCheckInterval", String.valueOf(config.tuning().transactionCheckInterval().toMillis()));
        values.put("transactionTimeOut", String.valueOf(config.tuning().transactionTimeout().toMillis()));
        values.put("transactionCheckMax", String.valueOf(config.tuning().transactionCheckMax()));
        values.put("timerMaxDelaySec", String.valueOf(config.tuning().timerMaxDelay().toSeconds()));
        values.put("enablePropertyFilter", String.valueOf(config.tuning().propertyFilter()));
        values.putAll(settings.values());
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    /** Backslashes would be read as escapes by the tool's properties parser (Windows paths). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
