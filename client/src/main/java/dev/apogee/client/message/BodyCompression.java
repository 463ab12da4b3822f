package dev.apogee.client.message;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.apogee.client.ClientException;
import dev.apogee.remoting.protocol.message.MessageSysFlag;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Message body compression as RocketMQ 5.x clients mark it in the system flag: the
 * {@link MessageSysFlag#COMPRESSED} bit plus a {@link CompressionType} in bits 8-10. We read all three
 * types (a compressed body without type bits, as 4.x clients send it, is zlib) and write the one the
 * producer chose. The formats are the official client's: a zlib stream, an LZ4 frame, a Zstandard frame.
 */
public final class BodyCompression {

    /** Type bits of zlib in the system flag. */
    public static final int ZLIB_TYPE = CompressionType.ZLIB.flagBits();
    /** The official client's default level. */
    public static final int DEFAULT_LEVEL = 5;

    private BodyCompression() {
    }

    /** The system-flag bits a zlib-compressed body carries. */
    public static int zlibFlags() {
        return flags(CompressionType.ZLIB);
    }

    /** The system-flag bits a body compressed with {@code type} carries. */
    public static int flags(CompressionType type) {
        return MessageSysFlag.COMPRESSED | type.flagBits();
    }

    /** {@code body} compressed with {@code type} at {@code level} (zlib 0-9; zstd's own scale; LZ4 ignores it). */
    public static byte[] compress(byte[] body, CompressionType type, int level) {
        return switch (type) {
            case ZLIB -> deflate(body, level);
            case LZ4 -> viaStream(body, LZ4FrameOutputStream::new);
            case ZSTD -> viaStream(body, out -> new ZstdOutputStream(out, level));
        };
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
     * The body as the producer sent it: decompressed when {@code sysFlag} says it is compressed.
     *
     * @throws ClientException if the body is compressed with an unknown type, or corrupt
     */
    public static byte[] decode(byte[] body, int sysFlag) {
        if ((sysFlag & MessageSysFlag.COMPRESSED) == 0) {
            return body;
        }
        return switch (CompressionType.ofSysFlag(sysFlag)) {
            case ZLIB -> inflate(body);
            case LZ4 -> fromStream(body, LZ4FrameInputStream::new, CompressionType.LZ4);
            case ZSTD -> fromStream(body, ZstdInputStream::new, CompressionType.ZSTD);
        };
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

    private interface StreamOpener<S, T> {
        T open(S stream) throws IOException;
    }

    private static byte[] viaStream(byte[] body, StreamOpener<OutputStream, OutputStream> opener) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 2));
        try (OutputStream compressing = opener.open(out)) {
            compressing.write(body);
        } catch (IOException e) {
            // Only an in-memory stream underneath: nothing here fails but the compressor itself.
            throw new UncheckedIOException("compressing a message body failed", e);
        }
        return out.toByteArray();
    }

    private static byte[] fromStream(byte[] compressed, StreamOpener<InputStream, InputStream> opener,
                                     CompressionType type) {
        try (InputStream in = opener.open(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new ClientException("the " + type + "-compressed message body is corrupt or truncated: "
                    + e.getMessage(), e);
        }
    }
}
