package dev.apogee.store.queue;

/**
 * One consume-queue entry (big-endian), 20 bytes; entry number = logical queue offset:
 *
 * <pre>
 *  0       8  physical offset of the record in the commit log
 *  8       4  record size
 *  12      8  tags code (hash of the TAGS property; a delivery time for schedule queues)
 * </pre>
 *
 * A queue's files hold a fixed number of entries each and are named by the byte position of their
 * first entry, so entry {@code n} lives at byte {@code n * 20} of the queue. An entry whose size is
 * not positive was never written.
 */
public final class ConsumeQueueLayout {
    public static final int ENTRY_SIZE = 20;
    public static final int PHYSICAL_OFFSET_OFFSET = 0;
    public static final int SIZE_OFFSET = 8;
    public static final int TAGS_CODE_OFFSET = 12;

    private ConsumeQueueLayout() {
    }
}
