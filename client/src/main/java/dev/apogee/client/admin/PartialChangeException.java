package dev.apogee.client.admin;

import dev.apogee.client.ClientException;
import java.util.List;
import java.util.Map;

/**
 * A change made on every master of a cluster (a topic created, updated or deleted) that some masters
 * took and others did not: the change was tried on all of them, so {@link #changed()} says where it
 * holds now and {@link #failures()} why the rest refused or did not answer. Trying again is safe.
 */
public class PartialChangeException extends ClientException {

    private static final long serialVersionUID = 1L;

    private final List<String> changed;
    private final transient Map<String, ClientException> failures;

    /**
     * @param what     the change, e.g. "create or update of topic Orders"
     * @param changed  names of the brokers that took it
     * @param failures broker name to why it did not
     */
    public PartialChangeException(String what, List<String> changed, Map<String, ClientException> failures) {
        super(what + " failed on " + failures.keySet() + (changed.isEmpty() ? "" : " (done on " + changed + ")")
                + ": " + describe(failures), failures.isEmpty() ? null : failures.values().iterator().next());
        this.changed = List.copyOf(changed);
        this.failures = Map.copyOf(failures);
    }

    /** The brokers that took the change. */
    public List<String> changed() {
        return changed;
    }

    /** Broker name to why the change did not happen there. */
    public Map<String, ClientException> failures() {
        return failures;
    }

    private static String describe(Map<String, ClientException> failures) {
        StringBuilder text = new StringBuilder();
        failures.forEach((broker, failure) -> text.append(text.length() == 0 ? "" : "; ").append(broker).append(": ")
                .append(failure.getMessage()));
        return text.toString();
    }
}
