package dev.apogee.client.message;

import dev.apogee.client.ClientException;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Message body compression as RocketMQ 5.x clients mark it in the system flag: the
 * {@link MessageSysFlag#COMPRESSED} bit plus a compression type in bits 8-10. We write zlib (type 3,
 * the 5.x client's default); we read zlib whether typed 3 or left 0 by 4.x clients. LZ4 and ZSTD
 * bodies are refused with a clear error rather than handed out garbled.
 */
public final class BodyCompression {

    /** Type bits of zlib in the system flag. */
    public static final int ZLIB_TYPE = 3 << 8;
    /** The official client's default level. */
    public static final int DEFAULT_LEVEL = 5;

    private BodyCompression() {
    }

    /** The system-flag bits a zlib-compressed body carries. */
    public static int zlibFlags() {
        return MessageSysFlag.COMPRESSED | ZLIB_TYPE;
    }

    /** {@code body} compressed with zlib at {@code level} (0-9). */
    public static byte[] deflate(byte[] body, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The body as the producer sent it: inflated when {@code sysFlag} says it is compressed.
     *
     * @throws ClientException if the body is compressed with an algorithm we do not read, or corrupt
     */
    public static byte[] decode(byte[] body, int sysFlag) {
        if ((sysFlag & MessageSysFlag.COMPRESSED) == 0) {
            return body;
        }
        int type = (sysFlag & MessageSysFlag.COMPRESSION_TYPE_MASK) >>> 8;
        if (type != 0 && type != 3) {
            throw new ClientException("the message body is compressed with " + (type == 1 ? "LZ4" : type == 2
                    ? "ZSTD" : "unknown type " + type) + ", which this client does not read (zlib only)");
        }
        return inflate(body);
    }

    /** {@code compressed} inflated from zlib. */
    public static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ClientException("the compressed message body is truncated");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new ClientException("the compressed message body is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
