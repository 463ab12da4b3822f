package dev.apogee.store.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Opens the segments of a log, creating a file of {@code capacity} zero bytes when absent. */
public interface SegmentFactory {

    Segment open(Path path, long baseOffset, int capacity) throws IOException;

    /**
     * Every file under {@code root}, at any depth, that this factory holds: what a store finds when
     * it opens (the fake of crash tests answers from its own memory, not the disk).
     */
    List<Path> files(Path root) throws IOException;
}
