package dev.apogee.remoting.protocol.body;

import dev.apogee.remoting.protocol.ProtocolVersion;
import java.util.List;

/**
 * Body of REGISTER_BROKER: the broker's topic configuration and its filter servers.
 *
 * <p>Sent as JSON, or in the Deflate-compressed form of {@link RegisterBrokerBodyLayout} when the
 * request header says {@code compressed=true}.
 *
 * @param topicConfigSerializeWrapper the broker's topics and their version
 * @param filterServerList            addresses of the broker's filter servers (legacy, normally empty)
 */
public record RegisterBrokerBody(TopicConfigSerializeWrapper topicConfigSerializeWrapper,
                                 List<String> filterServerList) {

    /** Brokers older than this sent a bare {@link TopicConfigSerializeWrapper} as the body. */
    static final int FIRST_VERSION_WITH_FULL_BODY = ProtocolVersion.V3_0_11;

    public RegisterBrokerBody {
        topicConfigSerializeWrapper = topicConfigSerializeWrapper == null
                ? TopicConfigSerializeWrapper.of(java.util.Map.of(), DataVersion.ZERO)
                : topicConfigSerializeWrapper;
        filterServerList = BodyCollections.list(filterServerList);
    }

    /** The body of a registration without topics. */
    public static RegisterBrokerBody empty() {
        return new RegisterBrokerBody(null, null);
    }

    /**
     * Decodes a registration body.
     *
     * @param body          the bytes; null or empty means "no topics, version zero"
     * @param compressed    the request's {@code compressed} header flag
     * @param senderVersion the request's version ordinal; decides which optional parts are present
     * @throws BodyException if the body does not decode
     */
    public static RegisterBrokerBody decode(byte[] body, boolean compressed, int senderVersion) {
        if (body == null || body.length == 0) {
            return empty();
        }
        if (compressed) {
            return RegisterBrokerBodyLayout.decode(body, senderVersion);
        }
        if (senderVersion < FIRST_VERSION_WITH_FULL_BODY) {
            return new RegisterBrokerBody(RemotingJson.decode(body, TopicConfigSerializeWrapper.class), List.of());
        }
        return RemotingJson.decode(body, RegisterBrokerBody.class);
    }

    /** The JSON body, or the compressed form of {@link RegisterBrokerBodyLayout} if {@code compress}. */
    public byte[] encode(boolean compress) {
        return compress ? RegisterBrokerBodyLayout.encode(this) : RemotingJson.encode(this);
    }
}
