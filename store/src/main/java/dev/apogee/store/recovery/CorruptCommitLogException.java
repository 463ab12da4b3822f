package dev.apogee.store.recovery;

import java.io.IOException;

/**
 * A record that was durable (before the checkpoint's commit-log mark) does not check out. The store
 * refuses to open rather than cut the log there and lose the acknowledged records after it; an
 * operator must look at the file named in the message.
 */
public class CorruptCommitLogException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptCommitLogException(String message) {
        super(message);
    }
}
