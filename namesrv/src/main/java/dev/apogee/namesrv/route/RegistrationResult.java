package dev.apogee.namesrv.route;

/**
 * Outcome of a broker registration.
 *
 * @param accepted     false when the registration was refused (a single-topic registration from a
 *                     broker the name server does not know yet)
 * @param haServerAddr for a slave, its master's HA address; otherwise null
 * @param masterAddr   for a slave, its master's address; otherwise null
 */
public record RegistrationResult(boolean accepted, String haServerAddr, String masterAddr) {

    static final RegistrationResult REJECTED = new RegistrationResult(false, null, null);
    static final RegistrationResult NO_MASTER = new RegistrationResult(true, null, null);
}
