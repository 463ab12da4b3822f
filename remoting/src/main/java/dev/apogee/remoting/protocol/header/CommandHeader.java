package dev.apogee.remoting.protocol.header;

/**
 * Marker for a typed custom header. Implementations are records whose components map one-to-one
 * onto the command's {@code extFields}, see {@link HeaderCodec} for the rules.
 */
public interface CommandHeader {
}
