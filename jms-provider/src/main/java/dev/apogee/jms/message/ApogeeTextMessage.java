package dev.apogee.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

/** A {@link TextMessage}: the body is a String, stored as UTF-8. */
public class ApogeeTextMessage extends ApogeeMessage implements TextMessage {

    private String text;

    /** A message with no text. */
    public ApogeeTextMessage() {
    }

    /** A message with {@code text}. */
    public ApogeeTextMessage(String text) {
        this.text = text;
    }

    @Override
    public BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    protected void clearBodyContent() {
        text = null;
    }

    @Override
    protected boolean hasBody() {
        return text != null;
    }

    @Override
    protected Object bodyValue() {
        return text;
    }
}
