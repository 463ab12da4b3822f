package dev.apogee.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;

/**
 * Apogee's {@link Message}: headers, typed properties, and (in the subclasses) a body. This class
 * alone is the body-less message {@code Session.createMessage()} makes.
 *
 * <p>What the runtime sets on a message it delivers (the mapping sets the first two itself): read-only
 * properties and body ({@link #markReceived}), the delivery count ({@link #setDeliveryCount}), and
 * the {@link Acknowledger} that {@link #acknowledge()} calls.
 *
 * <p>Not thread-safe, as the specification allows: a message is used by one thread at a time.
 */
public class ApogeeMessage implements Message {

    private String messageId;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = DEFAULT_PRIORITY;
    private final JmsProperties properties = new JmsProperties();
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;

    /** A new, empty message. */
    public ApogeeMessage() {
    }

    // ----- Headers. The setters are the provider's (send sets them) but any caller may use them.

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        this.messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /**
     * The correlation id as bytes: its characters as ISO-8859-1, the inverse of
     * {@link #setJMSCorrelationIDAsBytes}. RocketMQ has no native byte correlation id, so bytes are
     * kept as a String of one char per byte, which round-trips every byte array exactly.
     */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationId = correlationId == null ? null : new String(correlationId, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    /** @throws IllegalArgumentException unless {@code mode} is PERSISTENT or NON_PERSISTENT */
    @Override
    public void setJMSDeliveryMode(int mode) {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new IllegalArgumentException("delivery mode " + mode + " is neither PERSISTENT nor NON_PERSISTENT");
        }
        this.deliveryMode = mode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    /** @throws IllegalArgumentException unless {@code priority} is 0..9 */
    @Override
    public void setJMSPriority(int priority) {
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority " + priority + " is not in 0..9");
        }
        this.priority = priority;
    }

    // ----- Properties.

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return properties.getBoolean(name);
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return properties.getByte(name);
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return properties.getShort(name);
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return properties.getInt(name);
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return properties.getLong(name);
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return properties.getFloat(name);
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return properties.getDouble(name);
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return properties.getString(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /** @throws MessageFormatException unless {@code value} is a boxed primitive (not Character), a String or null */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    /** Every property as set, in order (a copy): what the mapping writes. */
    public Map<String, Object> propertyMap() {
        return properties.asMap();
    }

    /** Sets a property bypassing the application's rules and the read-only mode: for the provider. */
    public void putProviderProperty(String name, Object value) {
        properties.putInternal(name, value);
    }

    // ----- Receipt, acknowledgement.

    /** Sets {@code JMSXDeliveryCount} (1 on first delivery) and {@code JMSRedelivered} (count &gt; 1). */
    public void setDeliveryCount(int count) {
        properties.putInternal(PropertyNames.JMSX_DELIVERY_COUNT, count);
        redelivered = count > 1;
    }

    /** Makes properties and body read-only, and a bytes or stream body readable from its start: a received message. */
    public void markReceived() {
        properties.setReadOnly(true);
        bodyReadOnly = true;
        onReceived();
    }

    /** Sets what {@link #acknowledge()} calls; null makes it do nothing. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /** Calls the runtime's {@link Acknowledger}, if it set one; does nothing otherwise. */
    @Override
    public void acknowledge() throws JMSException {
        Acknowledger current = acknowledger;
        if (current != null) {
            current.acknowledge(this);
        }
    }

    // ----- Body. This class has none; the subclasses override the hooks.

    /** The body type, as the mapping records it. */
    public BodyType bodyType() {
        return BodyType.MESSAGE;
    }

    /** Empties the body and makes it writable (write-only for bytes and stream messages). */
    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
        clearBodyContent();
    }

    /** Empties the body of a subclass. */
    protected void clearBodyContent() throws JMSException {
    }

    /** Called when the message becomes a received one: bytes and stream messages switch to reading. */
    protected void onReceived() {
    }

    /** Whether there is a body (false for this class, a null text or object, an empty map or byte body). */
    protected boolean hasBody() throws JMSException {
        return false;
    }

    /** The body as {@code getBody} returns it, only called when {@link #hasBody()}. */
    protected Object bodyValue() throws JMSException {
        return null;
    }

    /** @throws MessageNotWriteableException if the body is read-only (a received message not cleared) */
    protected final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of a received message is read-only until clearBody()");
        }
    }

    protected final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    /**
     * The body as {@code c}: null when there is none, whatever {@code c} is.
     *
     * @throws MessageFormatException if the body is not a {@code c} (or this is a StreamMessage)
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!hasBody()) {
            return null;
        }
        Object body = bodyValue();
        if (c == null || !c.isInstance(body)) {
            throw new MessageFormatException("the body of a " + bodyType().wireName() + " message is a "
                    + body.getClass().getName() + ", not a " + (c == null ? "null class" : c.getName()));
        }
        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        if (!hasBody()) {
            return true;
        }
        return c != null && c.isInstance(bodyValue());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + messageId + ", destination=" + destination + ", type=" + type
                + ", correlationId=" + correlationId + ", properties=" + properties.asMap().keySet() + "]";
    }
}
