package dev.apogee.remoting.protocol;

/**
 * Version ordinals as the official clients count them ({@code MQVersion.Version} ordinals).
 *
 * <p>Servers must put their own ordinal into every response: official clients read it from the
 * heartbeat response and refuse SQL92 subscriptions to brokers older than {@link #V4_1_0}; the
 * name server reads the request's ordinal to decide whether the route body may use standard JSON.
 */
public final class ProtocolVersion {
    public static final int V3_0_11 = 37;
    public static final int V3_4_9 = 121;
    public static final int V4_1_0 = 232;
    public static final int V4_9_4 = 401;
    public static final int V4_9_7 = 407;
    public static final int V5_0_0 = 413;
    public static final int V5_3_3 = 479;
    public static final int V5_5_0 = 513;

    /** What Apogee announces: the protocol level of the official 5.5.0 artifacts it is tested against. */
    public static final int CURRENT = V5_5_0;

    private ProtocolVersion() {
    }
}
