package dev.apogee.client.producer;

import dev.apogee.client.message.Message;

/**
 * The local part of a transactional send, run after the broker stored the half message and before it is
 * committed or rolled back. An exception counts as {@link TransactionState#UNKNOWN}: the broker will ask
 * the {@link TransactionChecker} later.
 */
@FunctionalInterface
public interface LocalTransaction {

    /** Does the local work for {@code message}, whose half message was stored as {@code half}. */
    TransactionState execute(Message message, SendResult half) throws Exception;
}
