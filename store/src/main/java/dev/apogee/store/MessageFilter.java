package dev.apogee.store;

import java.nio.ByteBuffer;

/**
 * Decides which messages a read returns: first on the consume queue's tags code (cheap, no commit
 * log access), then, for filters that need it, on the stored record itself.
 */
public interface MessageFilter {

    /** Accepts everything. */
    MessageFilter ALL = new MessageFilter() {
        @Override
        public boolean matchesTagsCode(long tagsCode) {
            return true;
        }

        @Override
        public boolean matchesRecord(ByteBuffer record) {
            return true;
        }
    };

    /** Whether an entry with this tags code may match; false skips the record without reading it. */
    boolean matchesTagsCode(long tagsCode);

    /** Whether the record (a read-only view of one stored record) matches. */
    boolean matchesRecord(ByteBuffer record);
}
