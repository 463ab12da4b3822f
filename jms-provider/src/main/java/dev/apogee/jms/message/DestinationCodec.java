package dev.apogee.jms.message;

import dev.apogee.jms.ApogeeDestination;
import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTemporaryQueue;
import dev.apogee.jms.ApogeeTemporaryTopic;
import dev.apogee.jms.ApogeeTopic;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;

/** Destinations as messages record them ({@code kind:name}), and other providers' destinations as Apogee's. */
public final class DestinationCodec {

    private DestinationCodec() {
    }

    /**
     * {@code destination} as an Apogee destination: itself, or another provider's queue or topic
     * (temporary or not) by its name.
     *
     * @throws InvalidDestinationException if it is neither a queue nor a topic
     */
    public static ApogeeDestination toApogee(Destination destination) throws JMSException {
        if (destination == null || destination instanceof ApogeeDestination) {
            return (ApogeeDestination) destination;
        }
        if (destination instanceof TemporaryQueue queue) {
            return new ApogeeTemporaryQueue(queue.getQueueName(), null);
        }
        if (destination instanceof TemporaryTopic topic) {
            return new ApogeeTemporaryTopic(topic.getTopicName(), null);
        }
        if (destination instanceof Queue queue) {
            return new ApogeeQueue(queue.getQueueName());
        }
        if (destination instanceof Topic topic) {
            return new ApogeeTopic(topic.getTopicName());
        }
        throw new InvalidDestinationException("a " + destination.getClass().getName()
                + " is neither a Queue nor a Topic");
    }

    /** {@code kind:name}, e.g. {@code temp-queue:reply-7}. */
    static String encode(ApogeeDestination destination) {
        return destination.kind().wireName() + ":" + destination.name();
    }

    /** The destination {@link #encode} wrote, or null if {@code text} is not one. */
    static ApogeeDestination decode(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        ApogeeDestination.Kind kind = colon > 0 ? ApogeeDestination.Kind.ofWireName(text.substring(0, colon)) : null;
        if (kind == null || colon == text.length() - 1) {
            return null;
        }
        return ApogeeDestination.of(kind, text.substring(colon + 1));
    }
}
