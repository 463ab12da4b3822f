package dev.apogee.remoting.codec;

import static dev.apogee.remoting.codec.Frames.buffer;
import static dev.apogee.remoting.codec.Frames.command;
import static dev.apogee.remoting.codec.Frames.concat;
import static dev.apogee.remoting.codec.Frames.rawFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.remoting.protocol.CommandFlags;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.RequestCode;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.testing.NettyLeakCheck;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The frame decoder on an {@link EmbeddedChannel}: fragmented and batched input, and every kind of
 * malformed frame, each of which must close the channel, drop what follows and release every buffer.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandFrameDecoderTest {

    private static final int MAX_FRAME = 64 * 1024;
    /** Larger requests than this from the decoder would mean it trusts a claimed length. */
    private static final int ALLOCATION_LIMIT = 2 * MAX_FRAME;

    private final LimitedAllocator allocator = new LimitedAllocator();
    private EmbeddedChannel channel = newChannel(MAX_FRAME);

    @AfterEach
    void finishChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void decodesOneFrame() {
        RemotingCommand command = sample(1);

        channel.writeInbound(buffer(Frames.encode(command)));

        assertEquals(command, channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void decodesSeveralFramesInOneBuffer() {
        List<RemotingCommand> commands = List.of(sample(1), sample(2).withSerializeType(SerializeType.ROCKETMQ),
                sample(3));

        channel.writeInbound(buffer(concat(Frames.encode(commands.get(0)), Frames.encode(commands.get(1)),
                Frames.encode(commands.get(2)))));

        assertEquals(commands, readAll());
    }

    @Test
    void decodesInputArrivingByteByByte() {
        RemotingCommand command = sample(7);
        byte[] bytes = Frames.encode(command);

        for (int i = 0; i < bytes.length - 1; i++) {
            channel.writeInbound(buffer(new byte[] {bytes[i]}));
            assertNull(channel.readInbound(), "decoded before the last byte, at " + i);
        }
        channel.writeInbound(buffer(new byte[] {bytes[bytes.length - 1]}));

        assertEquals(command, channel.readInbound());
        assertTrue(channel.isOpen());
    }

    @Test
    void decodesInputSplitAtRandomPositions() {
        long seed = System.nanoTime();
        System.out.println("CommandFrameDecoderTest.decodesInputSplitAtRandomPositions seed=" + seed);
        Random random = new Random(seed);
        List<RemotingCommand> sent = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] body = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(5_000)];
            random.nextBytes(body);
            RemotingCommand command = command(random.nextInt(400), i, random.nextInt(4), random.nextBoolean()
                    ? null : "remark " + i, Map.of("i", Integer.toString(i)), body.length == 0 ? null : body,
                    random.nextBoolean() ? SerializeType.JSON : SerializeType.ROCKETMQ);
            sent.add(command);
            frames.add(Frames.encode(command));
        }
        byte[] stream = concat(frames.toArray(new byte[0][]));

        for (int position = 0; position < stream.length; ) {
            int length = Math.min(stream.length - position, 1 + random.nextInt(random.nextBoolean() ? 7 : 9_000));
            byte[] piece = new byte[length];
            System.arraycopy(stream, position, piece, 0, length);
            channel.writeInbound(buffer(piece));
            position += length;
        }

        assertEquals(sent, readAll(), "seed " + seed);
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximumLength() {
        RemotingCommand probe = command(RequestCode.SEND_MESSAGE, 1, 0, null, Map.of(), new byte[1],
                SerializeType.JSON);
        int overhead = Frames.encode(probe).length - FrameLayout.LENGTH_FIELD_SIZE - 1;
        RemotingCommand command = command(RequestCode.SEND_MESSAGE, 1, 0, null, Map.of(),
                new byte[MAX_FRAME - overhead], SerializeType.JSON);
        byte[] bytes = Frames.encode(command);
        assertEquals(MAX_FRAME, bytes.length - FrameLayout.LENGTH_FIELD_SIZE);

        channel.writeInbound(buffer(bytes));

        assertEquals(command, channel.readInbound());
        assertTrue(channel.isOpen());
    }

    @Test
    void waitsForTheRestOfAFrameThatClaimsAlmostTwoGibibytes() {
        // The frame end (4 + claimed length) does not fit an int: the decoder must wait, not overflow.
        channel.finishAndReleaseAll();
        channel = newChannel(Integer.MAX_VALUE);

        channel.writeInbound(buffer(concat(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE - 2).array(),
                new byte[100])));

        assertNull(channel.readInbound());
        assertTrue(channel.isOpen());
        assertTrue(allocator.largestRequest <= ALLOCATION_LIMIT, "allocated " + allocator.largestRequest);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1, 3, MAX_FRAME + 1, Integer.MAX_VALUE})
    void badFrameLengthClosesAtOnceWithoutAllocatingIt(int frameLength) {
        channel.writeInbound(buffer(ByteBuffer.allocate(4).putInt(frameLength).array()));

        assertFalse(channel.isOpen(), "closed on the length word alone");
        assertNull(channel.readInbound());
        assertTrue(allocator.largestRequest <= ALLOCATION_LIMIT, "allocated " + allocator.largestRequest);
    }

    static Stream<Arguments> malformedFrames() {
        byte[] json = "{\"code\":1}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("header length beyond the frame",
                        withHeaderWord(rawFrame(0, json, new byte[0]), FrameLayout.headerWord((byte) 0, 100))),
                Arguments.of("header length at the 24-bit maximum",
                        withHeaderWord(rawFrame(0, json, new byte[0]), 0x00FF_FFFF)),
                Arguments.of("serialize type 2", rawFrame(2, json, new byte[0])),
                Arguments.of("serialize type 0x7F", rawFrame(0x7F, json, new byte[0])),
                Arguments.of("serialize type 0xFF", rawFrame(0xFF, json, new byte[0])),
                Arguments.of("garbage JSON", rawFrame(0, "{\"code\":\u0001]]".getBytes(StandardCharsets.UTF_8),
                        new byte[0])),
                Arguments.of("JSON array", rawFrame(0, "[1]".getBytes(StandardCharsets.UTF_8), new byte[3])),
                Arguments.of("JSON string", rawFrame(0, "\"x\"".getBytes(StandardCharsets.UTF_8), new byte[0])),
                Arguments.of("empty JSON header", rawFrame(0, new byte[0], new byte[5])),
                Arguments.of("binary header shorter than its fixed part",
                        rawFrame(1, new byte[BinaryHeaderLayout.FIXED_SIZE - 1], new byte[0])),
                Arguments.of("binary remark length beyond the header",
                        rawFrame(1, binaryHeader(1_000, new byte[0], 0, new byte[0]), new byte[50])),
                Arguments.of("negative binary remark length",
                        rawFrame(1, binaryHeader(-5, new byte[0], 0, new byte[0]), new byte[0])),
                Arguments.of("binary extFields length beyond the header",
                        rawFrame(1, binaryHeader(0, new byte[0], 1_000, new byte[0]), new byte[50])),
                Arguments.of("negative binary extFields length",
                        rawFrame(1, binaryHeader(0, new byte[0], -1, new byte[0]), new byte[0])),
                Arguments.of("binary key length beyond the header",
                        rawFrame(1, binaryHeader(0, new byte[0], 6, entry(500, "k", 1, "v")), new byte[0])),
                Arguments.of("binary value length beyond the header",
                        rawFrame(1, binaryHeader(0, new byte[0], 8, entry(1, "k", 1_000, "v")), new byte[0])),
                Arguments.of("negative binary value length",
                        rawFrame(1, binaryHeader(0, new byte[0], 8, entry(1, "k", -1, "v")), new byte[0])),
                Arguments.of("binary key length word cut by the extFields length",
                        rawFrame(1, binaryHeader(0, new byte[0], 1, entry(1, "k", 1, "v")), new byte[0])),
                Arguments.of("binary entry running past the extFields length",
                        rawFrame(1, binaryHeader(0, new byte[0], 4, entry(1, "k", 1, "v")), new byte[0])),
                Arguments.of("stray bytes after the binary header",
                        rawFrame(1, concat(binaryHeader(0, new byte[0], 0, new byte[0]), new byte[3]),
                                new byte[0])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void malformedFrameClosesTheChannel(String name, byte[] frame) {
        channel.writeInbound(buffer(frame));

        assertFalse(channel.isOpen(), name);
        assertNull(channel.readInbound(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void framesBeforeAFailureAreDeliveredAndBytesAfterItDiscarded(String name, byte[] frame) {
        CloseRecorder closes = new CloseRecorder();
        channel.pipeline().addFirst(closes);
        RemotingCommand before = sample(1);

        channel.writeInbound(buffer(concat(Frames.encode(before), frame, Frames.encode(sample(2)))));
        channel.writeInbound(buffer(Frames.encode(sample(3))));

        assertEquals(List.of(before), readAll(), name);
        assertEquals(1, closes.count, name);
    }

    @Test
    void bytesAfterABadLengthAreDiscardedEvenWhenTheCloseIsSlow() {
        CloseRecorder closes = new CloseRecorder();
        channel.pipeline().addFirst(closes);

        channel.writeInbound(buffer(concat(ByteBuffer.allocate(4).putInt(-1).array(), Frames.encode(sample(1)))));
        channel.writeInbound(buffer(Frames.encode(sample(2))));

        assertEquals(List.of(), readAll());
        assertEquals(1, closes.count);
    }

    private EmbeddedChannel newChannel(int maxFrameLength) {
        EmbeddedChannel embedded = new EmbeddedChannel();
        embedded.config().setAllocator(allocator);
        embedded.pipeline().addLast(new CommandFrameDecoder(maxFrameLength));
        return embedded;
    }

    private List<RemotingCommand> readAll() {
        List<RemotingCommand> commands = new ArrayList<>();
        for (RemotingCommand command; (command = channel.readInbound()) != null; ) {
            commands.add(command);
        }
        return commands;
    }

    private static RemotingCommand sample(int opaque) {
        return command(RequestCode.SEND_MESSAGE, opaque, opaque % 2 == 0 ? CommandFlags.ONEWAY : 0, "r" + opaque,
                Map.of("a", "group", "b", "topic-" + opaque), ("body " + opaque).getBytes(StandardCharsets.UTF_8),
                SerializeType.JSON);
    }

    private static byte[] withHeaderWord(byte[] frame, int headerWord) {
        ByteBuffer.wrap(frame).putInt(FrameLayout.LENGTH_FIELD_SIZE, headerWord);
        return frame;
    }

    /** A binary header with the given remark length word and bytes and extFields length word and bytes. */
    private static byte[] binaryHeader(int remarkLength, byte[] remark, int extFieldsLength, byte[] extFields) {
        return ByteBuffer.allocate(BinaryHeaderLayout.FIXED_SIZE + remark.length + extFields.length)
                .putShort((short) RequestCode.HEART_BEAT).put((byte) 0).putShort((short) 479).putInt(9).putInt(0)
                .putInt(remarkLength).put(remark)
                .putInt(extFieldsLength).put(extFields)
                .array();
    }

    private static byte[] entry(int keyLength, String key, int valueLength, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + k.length + 4 + v.length)
                .putShort((short) keyLength).put(k).putInt(valueLength).put(v).array();
    }

    /** Swallows close requests so the test can see what the decoder does with input that follows. */
    private static final class CloseRecorder extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            count++;
            promise.setSuccess();
        }
    }

    /** Refuses any allocation above {@link #ALLOCATION_LIMIT} and remembers the largest request. */
    private static final class LimitedAllocator extends AbstractByteBufAllocator {
        int largestRequest;

        LimitedAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            check(initialCapacity);
            return PooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            check(initialCapacity);
            return PooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
        }

        private void check(int capacity) {
            largestRequest = Math.max(largestRequest, capacity);
            if (capacity > ALLOCATION_LIMIT) {
                throw new OutOfMemoryError("test allocator refuses " + capacity + " bytes");
            }
        }

        @Override
        public boolean isDirectBufferPooled() {
            return true;
        }
    }
}
