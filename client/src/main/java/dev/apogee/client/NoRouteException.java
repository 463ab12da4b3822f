package dev.apogee.client;

/** No name server knows a route for the topic, or the route has no queue usable for the operation. */
public class NoRouteException extends ClientException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /** No usable route for {@code topic}, for the reason in {@code message}. */
    public NoRouteException(String topic, String message) {
        super(message);
        this.topic = topic;
    }

    /** The topic without a route. */
    public String topic() {
        return topic;
    }
}
