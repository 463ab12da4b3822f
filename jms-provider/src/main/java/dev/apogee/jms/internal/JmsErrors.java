package dev.apogee.jms.internal;

import dev.apogee.remoting.protocol.ResponseCode;
import jakarta.jms.JMSSecurityException;
import dev.apogee.client.BrokerRefusedException;
import dev.apogee.client.ClientException;
import dev.apogee.client.NoRouteException;
import dev.apogee.client.message.InvalidMessageException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/** Turns the native client's unchecked exceptions into the JMSExceptions the specification asks for. */
public final class JmsErrors {

    private JmsErrors() {
    }

    /** {@code failure} as a JMSException saying what was being done. */
    public static JMSException of(String doing, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof JMSException jms) {
            return jms;
        }
        JMSException converted;
        if (cause instanceof InvalidMessageException) {
            converted = new MessageFormatException(doing + ": " + cause.getMessage());
        } else if (cause instanceof NoRouteException) {
            converted = new InvalidDestinationException(doing + ": " + cause.getMessage());
        } else if (cause instanceof BrokerRefusedException refused && refused.responseCode() == ResponseCode.NO_PERMISSION) {
            converted = new JMSSecurityException(doing + ": the broker refused (" + refused.getMessage() + ")",
                    String.valueOf(refused.responseCode()));
        } else if (cause instanceof BrokerRefusedException refused) {
            converted = new JMSException(doing + ": the broker refused (" + refused.getMessage() + ")",
                    String.valueOf(refused.responseCode()));
        } else if (cause instanceof ClientException) {
            converted = new JMSException(doing + ": " + cause.getMessage());
        } else {
            converted = new JMSException(doing + ": " + cause);
        }
        if (cause instanceof Exception e) {
            converted.setLinkedException(e);
        }
        converted.initCause(cause);
        return converted;
    }

    /** An IllegalStateException for a closed object. */
    public static IllegalStateException closed(String what) {
        return new IllegalStateException("the " + what + " is closed");
    }
}
