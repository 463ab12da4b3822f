package dev.apogee.remoting.protocol.body;

/**
 * Version stamp of a broker's topic configuration. A broker bumps it whenever its topics change;
 * the name server compares the whole stamp (all three fields) to decide whether a registration
 * carries new topic data.
 *
 * @param stateVersion bumped on a master/slave role change (5.x); 0 otherwise
 * @param timestamp    wall-clock millis of the last change
 * @param counter      number of changes so far
 */
public record DataVersion(long stateVersion, long timestamp, long counter) {

    /** The version a broker without a body is given: all zero. */
    public static final DataVersion ZERO = new DataVersion(0, 0, 0);

    /** The next version: counter + 1, stamped {@code nowMillis}. */
    public DataVersion next(long nowMillis) {
        return new DataVersion(stateVersion, nowMillis, counter + 1);
    }
}
