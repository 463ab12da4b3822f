package dev.apogee.jms.context;

import dev.apogee.jms.connection.ApogeeConnection;
import jakarta.jms.JMSException;

/**
 * The connection under one or more JMSContexts: the first context made by the factory and every context
 * made from it with {@code createContext(sessionMode)}. The connection closes when the last of them closes
 * (Jakarta Messaging 3.1, JMSContext.close).
 */
final class SharedConnection {

    private final ApogeeConnection connection;
    private int users = 1;

    SharedConnection(ApogeeConnection connection) {
        this.connection = connection;
    }

    ApogeeConnection connection() {
        return connection;
    }

    /** Another context uses the connection; false if it is already closed. */
    synchronized boolean retain() {
        if (users == 0) {
            return false;
        }
        users++;
        return true;
    }

    /** A context is done with it; the last one closes the connection. */
    void release() throws JMSException {
        synchronized (this) {
            if (users == 0 || --users > 0) {
                return;
            }
        }
        connection.close();
    }
}
