package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * The answer to a send: the offset message id (comma-separated for a batch), queue, offset of the
 * (first) message, and the message's unique client id as {@code transactionId}.
 */
public record SendMessageResponseHeader(String msgId, int queueId, long queueOffset,
                                        @OptionalField String transactionId, @OptionalField String batchUniqId)
        implements CommandHeader {
}
