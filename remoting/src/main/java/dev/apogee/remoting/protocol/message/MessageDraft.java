package dev.apogee.remoting.protocol.message;

import java.util.Objects;

/**
 * A message as a producer's request describes it, before a broker stores it: everything of the
 * stored record but the queue offset, physical offset and store timestamp, which the commit log's
 * writer assigns.
 *
 * @param bornHostAddress  4 or 16 address bytes of the producer
 * @param storeHostAddress 4 or 16 address bytes of the broker
 * @param properties       the properties string ({@link MessageProperties}); may be empty, not null
 */
public record MessageDraft(String topic, int queueId, int flag, int sysFlag, long bornTimestamp,
                           byte[] bornHostAddress, int bornHostPort, byte[] storeHostAddress, int storeHostPort,
                           int reconsumeTimes, long preparedTransactionOffset, byte[] body, String properties) {

    public MessageDraft {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(properties, "properties");
        checkAddress(bornHostAddress, "born host");
        checkAddress(storeHostAddress, "store host");
    }

    private static void checkAddress(byte[] address, String what) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            throw new IllegalArgumentException(what + " address must be 4 or 16 bytes");
        }
    }

    /** This draft with other properties (the broker adds some before storing). */
    public MessageDraft withProperties(String newProperties) {
        return new MessageDraft(topic, queueId, flag, sysFlag, bornTimestamp, bornHostAddress, bornHostPort,
                storeHostAddress, storeHostPort, reconsumeTimes, preparedTransactionOffset, body, newProperties);
    }

    /** This draft addressed to another topic and queue (retry, schedule and half topics). */
    public MessageDraft withDestination(String newTopic, int newQueueId) {
        return new MessageDraft(newTopic, newQueueId, flag, sysFlag, bornTimestamp, bornHostAddress, bornHostPort,
                storeHostAddress, storeHostPort, reconsumeTimes, preparedTransactionOffset, body, properties);
    }

    /** This draft with another system flag (transaction type changes on commit). */
    public MessageDraft withSysFlag(int newSysFlag) {
        return new MessageDraft(topic, queueId, flag, newSysFlag, bornTimestamp, bornHostAddress, bornHostPort,
                storeHostAddress, storeHostPort, reconsumeTimes, preparedTransactionOffset, body, properties);
    }

    /** This draft pointing at the half message it commits. */
    public MessageDraft withPreparedTransactionOffset(long offset) {
        return new MessageDraft(topic, queueId, flag, sysFlag, bornTimestamp, bornHostAddress, bornHostPort,
                storeHostAddress, storeHostPort, reconsumeTimes, offset, body, properties);
    }

    /** This draft with another reconsume count (retry and dead-letter copies). */
    public MessageDraft withReconsumeTimes(int times) {
        return new MessageDraft(topic, queueId, flag, sysFlag, bornTimestamp, bornHostAddress, bornHostPort,
                storeHostAddress, storeHostPort, times, preparedTransactionOffset, body, properties);
    }
}
