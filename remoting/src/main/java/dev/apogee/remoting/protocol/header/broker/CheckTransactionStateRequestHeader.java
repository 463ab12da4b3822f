package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * CHECK_TRANSACTION_STATE (39), broker to producer: asks how the transaction of a half message
 * ended; the body is the half message's stored record. The producer answers with END_TRANSACTION.
 */
public record CheckTransactionStateRequestHeader(@OptionalField String topic, long tranStateTableOffset,
                                                 long commitLogOffset, @OptionalField String msgId,
                                                 @OptionalField String transactionId,
                                                 @OptionalField String offsetMsgId,
                                                 @OptionalField String brokerName) implements CommandHeader {
}
