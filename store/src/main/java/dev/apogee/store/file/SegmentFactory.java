package dev.apogee.store.file;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the segments of a log, creating a file of {@code capacity} zero bytes when absent. */
public interface SegmentFactory {

    Segment open(Path path, long baseOffset, int capacity) throws IOException;
}
