package dev.apogee.admin.service;

/**
 * What a broker answered to a send from the admin.
 *
 * @param status          how it was stored ({@code SEND_OK}, {@code FLUSH_DISK_TIMEOUT}, ...)
 * @param messageId       the unique client id
 * @param offsetMessageId the broker's offset id
 * @param queue           where it was stored
 * @param queueOffset     its offset in that queue
 */
public record SendReceipt(String status, String messageId, String offsetMessageId, QueueRef queue, long queueOffset) {
}
