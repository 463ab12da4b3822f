package dev.apogee.interop.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.codec.CommandCodec;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.ProtocolVersion;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.ResponseCode;
import dev.apogee.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2;
import org.apache.rocketmq.remoting.protocol.header.SendMessageResponseHeader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden tests: frames encoded by the official {@code rocketmq-remoting} 5.5.0 classes decode with
 * Apogee's codec to the same command, and frames Apogee encodes decode with the official classes,
 * in both header encodings.
 */
@Timeout(30)
class CommandCodecGoldenTest {

    private static final byte[] BODY = "hello, \u4e16\u754c".getBytes(StandardCharsets.UTF_8);

    /** The official SEND_MESSAGE_V2 header, filled the way the official producer fills it. */
    private static SendMessageRequestHeaderV2 officialSendHeader() {
        SendMessageRequestHeaderV2 header = new SendMessageRequestHeaderV2();
        header.setA("producer-group");
        header.setB("OrderEvents");
        header.setC("TBW102");
        header.setD(4);
        header.setE(2);
        header.setF(0);
        header.setG(1_795_468_676_594L);
        header.setH(0);
        header.setI("TAGS\u0001created\u0002KEYS\u0001order-42\u0002UNIQ_KEY\u00017F0000010001\u0002WAIT\u0001true\u0002");
        header.setJ(0);
        header.setK(false);
        header.setM(false);
        return header;
    }

    private static org.apache.rocketmq.remoting.protocol.SerializeType official(SerializeType type) {
        return org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name());
    }

    /** The official encoding without its leading length word, which Apogee's frame decoder strips. */
    private static ByteBuf officialFrame(org.apache.rocketmq.remoting.protocol.RemotingCommand command) {
        ByteBuffer encoded = command.encode();
        int frameLength = encoded.getInt();
        assertEquals(encoded.remaining(), frameLength, "official length word counts the rest of the frame");
        return Unpooled.wrappedBuffer(encoded);
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void officialRequestDecodesWithApogee(SerializeType type) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand request =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
                        RequestCode.SEND_MESSAGE_V2, officialSendHeader());
        request.setSerializeTypeCurrentRPC(official(type));
        request.setBody(BODY);
        request.setRemark("r\u00e9mark");

        ByteBuf frame = officialFrame(request);
        RemotingCommand decoded = CommandCodec.decode(frame);

        assertEquals(RequestCode.SEND_MESSAGE_V2, decoded.code());
        assertEquals(request.getOpaque(), decoded.opaque());
        assertEquals(request.getVersion(), decoded.version());
        assertEquals(LanguageCode.JAVA, decoded.language());
        assertFalse(decoded.isResponse());
        assertFalse(decoded.isOneway());
        assertEquals("r\u00e9mark", decoded.remark());
        assertEquals(type, decoded.serializeType());
        assertArrayEquals(BODY, decoded.body());
        assertEquals("producer-group", decoded.extFields().get("a"));
        assertEquals("OrderEvents", decoded.extFields().get("b"));
        assertEquals("2", decoded.extFields().get("e"));
        assertEquals("1795468676594", decoded.extFields().get("g"));
        assertEquals(officialSendHeader().getI(), decoded.extFields().get("i"));
        assertEquals("false", decoded.extFields().get("k"));
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void officialOnewayAndResponseFlagsDecode(SerializeType type) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand oneway =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(
                        RequestCode.UPDATE_CONSUMER_OFFSET, null);
        oneway.markOnewayRPC();
        oneway.setSerializeTypeCurrentRPC(official(type));
        RemotingCommand decodedOneway = CommandCodec.decode(officialFrame(oneway));
        assertTrue(decodedOneway.isOneway());
        assertFalse(decodedOneway.isResponse());
        assertNull(decodedOneway.body());

        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(
                        ResponseCode.TOPIC_NOT_EXIST, "No topic route info");
        response.setOpaque(77);
        response.setSerializeTypeCurrentRPC(official(type));
        RemotingCommand decodedResponse = CommandCodec.decode(officialFrame(response));
        assertTrue(decodedResponse.isResponse());
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, decodedResponse.code());
        assertEquals(77, decodedResponse.opaque());
        assertEquals("No topic route info", decodedResponse.remark());
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void apogeeRequestDecodesWithOfficialClasses(SerializeType type) throws Exception {
        Map<String, String> fields = new HashMap<>();
        fields.put("a", "producer-group");
        fields.put("b", "OrderEvents");
        fields.put("c", "TBW102");
        fields.put("d", "4");
        fields.put("e", "1");
        fields.put("f", "0");
        fields.put("g", "1795468676594");
        fields.put("h", "0");
        fields.put("i", "TAGS\u0001created\u0002");
        RemotingCommand request = new RemotingCommand(RequestCode.SEND_MESSAGE_V2, LanguageCode.JAVA,
                ProtocolVersion.CURRENT, 4242, 0, null, fields, BODY, type);

        ByteBuf frame = CommandCodec.encode(request, ByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            assertEquals(bytes.length - 4, buffer.getInt(), "length word counts the rest of the frame");
            org.apache.rocketmq.remoting.protocol.RemotingCommand decoded =
                    org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(buffer.slice());

            assertEquals(RequestCode.SEND_MESSAGE_V2, decoded.getCode());
            assertEquals(4242, decoded.getOpaque());
            assertEquals(ProtocolVersion.CURRENT, decoded.getVersion());
            assertEquals(org.apache.rocketmq.remoting.protocol.LanguageCode.JAVA, decoded.getLanguage());
            assertEquals(official(type), decoded.getSerializeTypeCurrentRPC());
            assertArrayEquals(BODY, decoded.getBody());
            SendMessageRequestHeaderV2 header = decoded.decodeCommandCustomHeader(SendMessageRequestHeaderV2.class);
            assertEquals("OrderEvents", header.getB());
            assertEquals(1, header.getE());
            assertEquals(1_795_468_676_594L, header.getG());
            assertEquals("TAGS\u0001created\u0002", header.getI());
        } finally {
            frame.release();
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void apogeeResponseDecodesWithOfficialClasses(SerializeType type) throws Exception {
        RemotingCommand request = new RemotingCommand(RequestCode.SEND_MESSAGE_V2, LanguageCode.JAVA,
                ProtocolVersion.CURRENT, 9, 0, null, Map.of(), null, type);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                .withExtFields(Map.of("msgId", "7F00000100002A9F0000000000000336", "queueId", "2",
                        "queueOffset", "822", "MSG_REGION", "DefaultRegion", "TRACE_ON", "true"));

        ByteBuf frame = CommandCodec.encode(response, ByteBufAllocator.DEFAULT);
        try {
            frame.skipBytes(4);
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            org.apache.rocketmq.remoting.protocol.RemotingCommand decoded =
                    org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(bytes);

            assertTrue(decoded.isResponseType());
            assertEquals(9, decoded.getOpaque());
            assertEquals(ResponseCode.SUCCESS, decoded.getCode());
            assertEquals("DefaultRegion", decoded.getExtFields().get("MSG_REGION"));
            SendMessageResponseHeader header = decoded.decodeCommandCustomHeader(SendMessageResponseHeader.class);
            assertEquals("7F00000100002A9F0000000000000336", header.getMsgId());
            assertEquals(2, header.getQueueId());
            assertEquals(822L, header.getQueueOffset());
        } finally {
            frame.release();
        }
    }
}
