package dev.apogee.jms;

import jakarta.jms.JMSException;

/**
 * What deletes a temporary destination: the connection that created it. A temporary destination
 * learnt from a received message (a reply-to) has none, because only its creator may delete it.
 */
@FunctionalInterface
public interface TemporaryDestinationDeleter {

    /** Deletes {@code destination}; refuses (e.g. while it still has consumers) with a JMSException. */
    void delete(ApogeeDestination destination) throws JMSException;
}
