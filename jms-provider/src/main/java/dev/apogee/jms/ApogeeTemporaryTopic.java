package dev.apogee.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A temporary topic: lives as long as the connection that created it, which alone may delete it
 * (through the {@link TemporaryDestinationDeleter} it gave). One learnt from a message cannot be deleted.
 */
public final class ApogeeTemporaryTopic extends ApogeeTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationDeleter deleter;

    /** A temporary topic named {@code name}; {@code deleter} is null when this side did not create it. */
    public ApogeeTemporaryTopic(String name, TemporaryDestinationDeleter deleter) {
        super(name);
        this.deleter = deleter;
    }

    @Override
    public Kind kind() {
        return Kind.TEMPORARY_TOPIC;
    }

    @Override
    public void delete() throws JMSException {
        if (deleter == null) {
            throw new IllegalStateException("temporary topic " + name()
                    + " can only be deleted by the connection that created it");
        }
        deleter.delete(this);
    }
}
