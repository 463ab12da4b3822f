package dev.apogee.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@code Message.acknowledge()} does: set by the runtime on a message it delivers in
 * CLIENT_ACKNOWLEDGE mode (acknowledging every message the session consumed so far, as the
 * specification says). A message without one (sent, or delivered in another mode) acknowledges nothing.
 */
@FunctionalInterface
public interface Acknowledger {

    /** Acknowledges on behalf of {@code message}. */
    void acknowledge(ApogeeMessage message) throws JMSException;
}
