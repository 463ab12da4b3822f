package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/** PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361). {@code sysFlag} bits are in {@link PullSysFlag}. */
public record PullMessageRequestHeader(String consumerGroup, String topic, int queueId, long queueOffset,
                                       int maxMsgNums, int sysFlag, long commitOffset, long suspendTimeoutMillis,
                                       @OptionalField String subscription, long subVersion,
                                       @OptionalField String expressionType, @OptionalField Integer maxMsgBytes,
                                       @OptionalField Integer requestSource,
                                       @OptionalField String proxyFrowardClientId) implements CommandHeader {
}
