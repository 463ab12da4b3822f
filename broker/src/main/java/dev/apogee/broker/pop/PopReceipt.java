package dev.apogee.broker.pop;

/**
 * What the broker needs from a pop receipt ("extraInfo"), which clients build from the pop answer:
 * space-separated check-point offset, pop time, invisible time, revive queue, retry mark, broker
 * name, queue id and (last) the message's queue offset. Only the pop time matters here: it tells
 * which hand-out of a message an ack or a change of invisible time is about.
 */
public record PopReceipt(long popTime) {

    /**
     * @throws IllegalArgumentException if the receipt has no readable pop time
     */
    public static PopReceipt parse(String extraInfo) {
        if (extraInfo == null) {
            throw new IllegalArgumentException("the receipt (extraInfo) is missing");
        }
        String[] fields = extraInfo.trim().split(" ");
        if (fields.length < 3) {
            throw new IllegalArgumentException("the receipt '" + extraInfo + "' has " + fields.length
                    + " fields, not the 7 or 8 of a pop receipt");
        }
        try {
            return new PopReceipt(Long.parseLong(fields[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the receipt '" + extraInfo + "' has no pop time");
        }
    }
}
