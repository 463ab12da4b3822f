package dev.apogee.benchmarks;

import dev.apogee.remoting.codec.CommandCodec;
import dev.apogee.remoting.protocol.LanguageCode;
import dev.apogee.remoting.protocol.RemotingCommand;
import dev.apogee.remoting.protocol.SerializeType;
import dev.apogee.remoting.protocol.header.broker.SendMessageRequestHeaderV2;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the frame codec alone and prints nanoseconds per frame: a send request's header record
 * turned into its fields (on the sending thread), the header encoded, and the whole frame decoded from a
 * pooled direct buffer and its header record read (on the I/O threads of a client and a broker), as for
 * every message. The request is shaped like a JMS send: fourteen short header fields
 * and a properties string of about 300 bytes, with a 1 KiB body.
 *
 * <pre>
 *   java -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.apogee.benchmarks.CodecBenchmark [--rounds 15]
 * </pre>
 *
 * Each figure is the best of its rounds of 200,000 frames, on a Netty thread as in the transport.
 */
public final class CodecBenchmark {

    private static final int FRAMES = 200_000;
    private static final String PROPERTIES = "KEYS\u0001ID:a1b2c3\u0002UNIQ_KEY\u0001AC11000100002A9F\u0002".repeat(6);

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = Options.positive(Options.parse(args), "rounds", 15);
        Thread thread = new FastThreadLocalThread(() -> run(rounds), "codec-benchmark");
        thread.start();
        thread.join();
    }

    private static void run(int rounds) {
        RemotingCommand command = sendRequest();
        ByteBuf frame = CommandCodec.encode(command, PooledByteBufAllocator.DEFAULT);
        long decode = Long.MAX_VALUE;
        long encode = Long.MAX_VALUE;
        long fields = Long.MAX_VALUE;
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                ByteBuf copy = frame.retainedDuplicate();
                copy.skipBytes(4);
                checksum += CommandCodec.decode(copy).header(SendMessageRequestHeaderV2.class).queueId();
                copy.release();
            }
            decode = Math.min(decode, (System.nanoTime() - start) / FRAMES);
            start = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                ByteBuf header = CommandCodec.encodeHeader(command, PooledByteBufAllocator.DEFAULT);
                checksum += header.readableBytes();
                header.release();
            }
            encode = Math.min(encode, (System.nanoTime() - start) / FRAMES);
            start = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                SendMessageRequestHeaderV2 header = new SendMessageRequestHeaderV2("bench-group", "bench-topic",
                        "TBW102", 4, i & 3, 0, start, 0, PROPERTIES, 0, false, null, false, "broker-a");
                checksum += RemotingCommand.request(310, header, null).extFields().size();
            }
            fields = Math.min(fields, (System.nanoTime() - start) / FRAMES);
        }
        frame.release();
        System.out.printf("header record to fields: %d ns per request%n", fields);
        System.out.printf("binary header encode: %d ns per frame%n", encode);
        System.out.printf("binary frame decode, then its header record: %d ns per frame (checksum %d)%n", decode,
                checksum);
    }

    private static RemotingCommand sendRequest() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.putAll(Map.of("a", "bench-group", "b", "bench-topic", "c", "TBW102", "d", "4", "e", "2", "f", "0",
                "g", "1764460800000", "h", "0", "j", "0", "k", "false"));
        fields.putAll(Map.of("m", "false", "n", "broker-a"));
        fields.put("i", PROPERTIES);
        return new RemotingCommand(310, LanguageCode.JAVA, 1, 1, 0, null, fields, new byte[1024],
                SerializeType.ROCKETMQ);
    }
}
