package dev.apogee.remoting.protocol.header.broker;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.OptionalField;

/**
 * END_TRANSACTION (37): a producer resolves a half message, after its local transaction or when
 * asked by a check. {@code commitOrRollback} is a transaction type of the system flag: 8 commit,
 * 12 roll back, 0 not known yet (ignored).
 */
public record EndTransactionRequestHeader(@OptionalField String topic, String producerGroup, long tranStateTableOffset,
                                          long commitLogOffset, int commitOrRollback,
                                          @OptionalField Boolean fromTransactionCheck, String msgId,
                                          @OptionalField String transactionId) implements CommandHeader {
}
