package dev.apogee.remoting.protocol;

import dev.apogee.remoting.protocol.header.CommandHeader;
import dev.apogee.remoting.protocol.header.HeaderCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request or response of the remoting protocol: the header fields plus an opaque body.
 *
 * <p>Requests and responses are correlated only by {@link #opaque()}: a requester picks it, the
 * responder echoes it and sets the {@link CommandFlags#RESPONSE} bit. The "custom header" of a
 * request lives in {@link #extFields()} as strings; {@link HeaderCodec} turns it into a typed
 * header record and back.
 *
 * <p>Instances are immutable except for the body array, which is shared, not copied (bodies can be
 * megabytes): callers must not modify a body after handing it to a command.
 *
 * @param code          request code ({@link RequestCode}) or response code ({@link ResponseCode})
 * @param language      the sender's language
 * @param version       the sender's version ordinal ({@link ProtocolVersion})
 * @param opaque        correlation id chosen by the requester and echoed in the response
 * @param flag          {@link CommandFlags} bits
 * @param remark        free text, usually an error description; may be null
 * @param extFields     the custom header; never null, unmodifiable (a {@link HeaderFields})
 * @param body          the body bytes; may be null
 * @param serializeType the header encoding this command arrived in, or is to be sent in
 * @param bodyParts     instead of {@code body}, views whose bytes make up the body in order (a broker's
 *                      pull answer hands out slices of its mapped files, written to the socket without a
 *                      copy); null when the body is an array. Only outgoing commands have them.
 */
public record RemotingCommand(int code, LanguageCode language, int version, int opaque, int flag,
                              String remark, Map<String, String> extFields, byte[] body,
                              SerializeType serializeType, List<ByteBuffer> bodyParts) {

    private static final AtomicInteger NEXT_OPAQUE = new AtomicInteger();

    public RemotingCommand {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(serializeType, "serializeType");
        // Copied, so a caller changing its map afterwards cannot change a command in flight (a
        // HeaderFields cannot change and is kept as it is).
        extFields = HeaderFields.copyOf(extFields);
        if (bodyParts != null) {
            if (body != null) {
                throw new IllegalArgumentException("a command has a body array or body parts, not both");
            }
            bodyParts = List.copyOf(bodyParts); // the same list when it already is an immutable one
        }
    }

    /** A command whose body, if any, is one array. */
    public RemotingCommand(int code, LanguageCode language, int version, int opaque, int flag, String remark,
                           Map<String, String> extFields, byte[] body, SerializeType serializeType) {
        this(code, language, version, opaque, flag, remark, extFields, body, serializeType, null);
    }

    /**
     * The body bytes; may be null. For a command made of {@link #bodyParts()} this is a copy of them
     * (the wire encoder writes the parts themselves).
     */
    @Override
    public byte[] body() {
        if (bodyParts == null) {
            return body;
        }
        byte[] joined = new byte[bodyLength()];
        int at = 0;
        for (ByteBuffer part : bodyParts) {
            int length = part.remaining();
            part.duplicate().get(joined, at, length);
            at += length;
        }
        return joined;
    }

    /** This command with its body made of {@code parts}, shared, not copied (they must not change). */
    public RemotingCommand withBodyParts(List<ByteBuffer> parts) {
        return new RemotingCommand(code, language, version, opaque, flag, remark, extFields, null, serializeType, parts);
    }

    /** A new request with a fresh opaque, the given custom header and no body. */
    public static RemotingCommand request(int code, CommandHeader header) {
        return request(code, header, null);
    }

    /** A new request with a fresh opaque, the given custom header (may be null) and body. */
    public static RemotingCommand request(int code, CommandHeader header, byte[] body) {
        Map<String, String> fields = header == null ? Map.of() : HeaderCodec.encode(header);
        return new RemotingCommand(code, LanguageCode.JAVA, ProtocolVersion.CURRENT,
                NEXT_OPAQUE.incrementAndGet(), 0, null, fields, body, SerializeType.JSON);
    }

    /** The response to {@code request} with the given code, remark, custom header and body. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark,
                                             CommandHeader header, byte[] body) {
        Map<String, String> fields = header == null ? Map.of() : HeaderCodec.encode(header);
        return new RemotingCommand(code, LanguageCode.JAVA, ProtocolVersion.CURRENT, request.opaque(),
                CommandFlags.RESPONSE, remark, fields, body, request.serializeType());
    }

    /** A bodiless, headerless response to {@code request}. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        return responseTo(request, code, remark, null, null);
    }

    /** A SUCCESS response carrying only a body. */
    public static RemotingCommand success(RemotingCommand request, byte[] body) {
        return responseTo(request, ResponseCode.SUCCESS, null, null, body);
    }

    /** A SUCCESS response carrying a custom header and no body. */
    public static RemotingCommand success(RemotingCommand request, CommandHeader header) {
        return responseTo(request, ResponseCode.SUCCESS, null, header, null);
    }

    public boolean isResponse() {
        return (flag & CommandFlags.RESPONSE) != 0;
    }

    public boolean isOneway() {
        return (flag & CommandFlags.ONEWAY) != 0;
    }

    /** This command marked oneway: the receiver sends no response. */
    public RemotingCommand asOneway() {
        return withFlag(flag | CommandFlags.ONEWAY);
    }

    /** This command with a fresh opaque, for sending the same request again. */
    public RemotingCommand withNewOpaque() {
        return new RemotingCommand(code, language, version, NEXT_OPAQUE.incrementAndGet(), flag, remark,
                extFields, body, serializeType, bodyParts);
    }

    /** This command sent with the given header encoding. */
    public RemotingCommand withSerializeType(SerializeType type) {
        return new RemotingCommand(code, language, version, opaque, flag, remark, extFields, body, type, bodyParts);
    }

    /** This command with extra custom-header fields added to (or replacing) the existing ones. */
    public RemotingCommand withExtFields(Map<String, String> more) {
        HeaderFields.Builder merged = HeaderFields.builder();
        extFields.forEach(merged::put);
        more.forEach(merged::put);
        return new RemotingCommand(code, language, version, opaque, flag, remark, merged.build(), body, serializeType,
                bodyParts);
    }

    private RemotingCommand withFlag(int newFlag) {
        return new RemotingCommand(code, language, version, opaque, newFlag, remark, extFields, body,
                serializeType, bodyParts);
    }

    /** The custom header decoded as {@code type}; a missing or malformed field throws. */
    public <H extends Record & CommandHeader> H header(Class<H> type) {
        return HeaderCodec.decode(extFields, type);
    }

    /** The body length in bytes, zero when there is none. */
    public int bodyLength() {
        if (bodyParts != null) {
            int length = 0;
            for (ByteBuffer part : bodyParts) {
                length += part.remaining();
            }
            return length;
        }
        return body == null ? 0 : body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemotingCommand other
                && code == other.code && language == other.language && version == other.version
                && opaque == other.opaque && flag == other.flag && Objects.equals(remark, other.remark)
                && extFields.equals(other.extFields) && java.util.Arrays.equals(body(), other.body())
                && serializeType == other.serializeType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, opaque, flag, extFields) * 31 + java.util.Arrays.hashCode(body());
    }

    @Override
    public String toString() {
        String codeName = isResponse() ? ResponseCode.name(code) : RequestCode.name(code);
        return "RemotingCommand[" + (isResponse() ? "response " : "request ") + codeName
                + ", opaque=" + opaque + ", flag=" + flag + ", language=" + language + ", version=" + version
                + (remark == null ? "" : ", remark=" + remark) + ", extFields=" + extFields
                + ", body=" + bodyLength() + " bytes, " + serializeType + "]";
    }
}
