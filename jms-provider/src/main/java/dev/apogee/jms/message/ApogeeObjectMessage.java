package dev.apogee.jms.message;

import dev.apogee.jms.ObjectMessageTrust;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * An {@link ObjectMessage}: the body is a serialized object. The object is serialized when it is
 * set, so later changes to it do not change the message (the specification's copy), and deserialized
 * anew by each {@link #getObject()}, only if every class in the stream is trusted by the message's
 * {@link ObjectMessageTrust}: any other class is refused with a {@link JMSException}.
 */
public class ApogeeObjectMessage extends ApogeeMessage implements ObjectMessage {

    private byte[] serialized;
    private ObjectMessageTrust trust;

    /** A message with no object, trusting {@link ObjectMessageTrust#fromSystemProperties()}. */
    public ApogeeObjectMessage() {
        this(ObjectMessageTrust.fromSystemProperties());
    }

    /** A message with no object whose {@link #getObject()} trusts {@code trust}. */
    public ApogeeObjectMessage(ObjectMessageTrust trust) {
        this.trust = trust;
    }

    @Override
    public BodyType bodyType() {
        return BodyType.OBJECT;
    }

    /** Which classes {@link #getObject()} deserializes. */
    public void setTrust(ObjectMessageTrust trust) {
        this.trust = trust;
    }

    /** @throws MessageFormatException if the object cannot be serialized */
    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : serialize(object);
    }

    /** @throws JMSException if a class in the body is not trusted or cannot be loaded, or the body is corrupt */
    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : deserialize(serialized, trust);
    }

    /** The serialized body, not copied; null when there is no object. */
    byte[] serializedBody() {
        return serialized;
    }

    /** Sets the serialized body as received. */
    void setSerializedBody(byte[] body) {
        this.serialized = body;
    }

    @Override
    protected void clearBodyContent() {
        serialized = null;
    }

    @Override
    protected boolean hasBody() {
        return serialized != null;
    }

    @Override
    protected Object bodyValue() throws JMSException {
        return getObject();
    }

    /** False, not an exception, when the object cannot be deserialized, as the specification says. */
    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        if (serialized == null) {
            return true;
        }
        try {
            return c != null && c.isInstance(getObject());
        } catch (JMSException e) {
            return false;
        }
    }

    static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            MessageFormatException failure = new MessageFormatException("cannot serialize the object: " + e);
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
        return bytes.toByteArray();
    }

    private static Serializable deserialize(byte[] body, ObjectMessageTrust trust) throws JMSException {
        try (ObjectInputStream in = new TrustingInput(body, trust)) {
            return (Serializable) in.readObject();
        } catch (InvalidClassException e) {
            // The filter's refusal arrives as an InvalidClassException ("filter status: REJECTED").
            throw failure("the object's class is not trusted for deserialization (" + e.getMessage() + "); see "
                    + ObjectMessageTrust.SYSTEM_PROPERTY, e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw failure("cannot deserialize the object: " + e, e);
        }
    }

    private static JMSException failure(String text, Exception cause) {
        JMSException failure = new JMSException(text);
        failure.setLinkedException(cause);
        failure.initCause(cause);
        return failure;
    }

    /** An object stream with the trust filter that loads classes through the thread's context loader first. */
    private static final class TrustingInput extends ObjectInputStream {

        TrustingInput(byte[] body, ObjectMessageTrust trust) throws IOException {
            super(new ByteArrayInputStream(body));
            setObjectInputFilter(trust.filter());
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(description.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below (primitives, the caller's loader)
                }
            }
            return super.resolveClass(description);
        }
    }
}
