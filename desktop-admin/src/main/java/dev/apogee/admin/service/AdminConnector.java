package dev.apogee.admin.service;

/** Opens an {@link AdminService} to a cluster; the connections screen's seam to the network. */
@FunctionalInterface
public interface AdminConnector {

    /**
     * A service connected to {@code spec}'s name servers. Making it does not yet talk to them; the
     * first call (e.g. {@link AdminService#ping()}) does.
     *
     * @throws IllegalArgumentException if the spec is unusable (e.g. a trusted-certificates file that is missing)
     */
    AdminService connect(ConnectionSpec spec);
}
