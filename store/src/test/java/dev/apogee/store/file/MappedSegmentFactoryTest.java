package dev.apogee.store.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real mapped segments: file writes and mapped windows meet in the same bytes. */
class MappedSegmentFactoryTest {

    @TempDir
    Path dir;

    private static String text(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return new String(copy, UTF_8);
    }

    @Test
    void bytesWrittenThroughTheFileAreReadThroughTheMappingAndSurviveReopening() throws Exception {
        Path file = dir.resolve("log/00000000000000000000");
        Segment segment = MappedSegmentFactory.INSTANCE.open(file, 0, 4096);
        ByteBuffer source = ByteBuffer.wrap("written by write".getBytes(UTF_8));
        segment.write(100, source);
        assertEquals(0, source.remaining(), "the source is consumed");
        assertEquals("written by write", text(segment.read(100, 16)));
        segment.window(200, 6).put("window".getBytes(UTF_8));
        segment.force(100, 106);
        segment.close();
        assertEquals(4096, Files.size(file));

        Segment reopened = MappedSegmentFactory.INSTANCE.open(file, 0, 4096);
        assertEquals("written by write", text(reopened.read(100, 16)));
        assertEquals("window", text(reopened.read(200, 6)), "mapped writes are forced with the file's");
        reopened.delete();
        assertEquals(false, Files.exists(file));
    }

    @Test
    void aWritePastTheSegmentIsRefusedAndWritesNothing() throws Exception {
        Segment segment = MappedSegmentFactory.INSTANCE.open(dir.resolve("s"), 0, 64);
        assertThrows(IndexOutOfBoundsException.class, () -> segment.write(60, ByteBuffer.allocate(8)));
        assertThrows(IndexOutOfBoundsException.class, () -> segment.write(-1, ByteBuffer.allocate(1)));
        assertEquals(0, segment.read(60, 4).getInt());
        segment.force();
        segment.close();
    }
}
