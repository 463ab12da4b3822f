package dev.apogee.remoting.protocol.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * Offset message ids: upper-case hex of the store host address (4 or 16 bytes), its port (4 bytes)
 * and the record's commit-log offset (8 bytes); 32 hex digits for IPv4 hosts, 56 for IPv6.
 */
public final class MessageIds {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MessageIds() {
    }

    public static String offsetMessageId(byte[] storeHostAddress, int port, long physicalOffset) {
        byte[] id = new byte[storeHostAddress.length + 12];
        System.arraycopy(storeHostAddress, 0, id, 0, storeHostAddress.length);
        int at = storeHostAddress.length;
        id[at++] = (byte) (port >>> 24);
        id[at++] = (byte) (port >>> 16);
        id[at++] = (byte) (port >>> 8);
        id[at++] = (byte) port;
        for (int shift = 56; shift >= 0; shift -= 8) {
            id[at++] = (byte) (physicalOffset >>> shift);
        }
        return HEX.formatHex(id);
    }

    /** A decoded offset message id. */
    public record OffsetMessageId(InetSocketAddress storeHost, long physicalOffset) {
    }

    /**
     * Decodes an offset message id.
     *
     * @throws IllegalArgumentException if {@code id} is not 32 or 56 hex digits
     */
    public static OffsetMessageId decode(String id) {
        if (id == null || (id.length() != 32 && id.length() != 56)) {
            throw new IllegalArgumentException("not an offset message id: " + id);
        }
        byte[] bytes = HEX.parseHex(id);
        int addressLength = bytes.length - 12;
        byte[] address = java.util.Arrays.copyOf(bytes, addressLength);
        int port = ((bytes[addressLength] & 0xFF) << 24) | ((bytes[addressLength + 1] & 0xFF) << 16)
                | ((bytes[addressLength + 2] & 0xFF) << 8) | (bytes[addressLength + 3] & 0xFF);
        long offset = 0;
        for (int i = addressLength + 4; i < bytes.length; i++) {
            offset = (offset << 8) | (bytes[i] & 0xFF);
        }
        try {
            return new OffsetMessageId(new InetSocketAddress(InetAddress.getByAddress(address), port), offset);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an offset message id: " + id, e);
        }
    }
}
