package dev.apogee.store.index;

import java.io.IOException;

/**
 * An index file whose header does not fit the index's configuration (its slot or entry count
 * differs, or its entry count is out of range). The index refuses to load rather than read it with
 * the wrong geometry; the message names the file.
 */
public class CorruptIndexFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptIndexFileException(String message) {
        super(message);
    }
}
