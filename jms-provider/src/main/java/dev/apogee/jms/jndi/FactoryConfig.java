package dev.apogee.jms.jndi;

import dev.apogee.jms.ApogeeConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.naming.ConfigurationException;
import javax.naming.NamingException;

/**
 * Makes a connection factory from a JNDI value: a URL whose query sets bean properties,
 * {@code apogee://h:p?clientID=app&invisibleTimeMillis=30000}. A value that is empty or only a query
 * ({@code ?clientID=app}) takes the provider URL's name servers. Properties are set through the factory's
 * public setters (String, int, long or boolean), the same ones Spring or an application server would call.
 */
final class FactoryConfig {

    private FactoryConfig() {
    }

    static ApogeeConnectionFactory factory(String value, String providerUrl, String jndiName) throws NamingException {
        String spec = value == null ? "" : value.trim();
        if (spec.isEmpty() || spec.startsWith("?")) {
            String base = providerUrl == null ? "" : providerUrl.trim();
            int query = base.indexOf('?');
            // The provider URL's own options come first; the entry's own ones override them.
            spec = base.isEmpty() ? spec : (spec.isEmpty() ? base
                    : (query >= 0 ? base + "&" + spec.substring(1) : base + spec));
        }
        if (spec.isEmpty()) {
            spec = ApogeeConnectionFactory.SCHEME + "://127.0.0.1:9876";
        }
        int query = spec.indexOf('?');
        ApogeeConnectionFactory factory;
        try {
            factory = new ApogeeConnectionFactory(query < 0 ? spec : spec.substring(0, query));
        } catch (IllegalArgumentException e) {
            throw configuration(jndiName, e.getMessage(), e);
        }
        if (query >= 0) {
            for (String pair : spec.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw configuration(jndiName, "not name=value: " + pair, null);
                }
                set(factory, decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)), jndiName);
            }
        }
        return factory;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static void set(ApogeeConnectionFactory factory, String property, String value, String jndiName)
            throws NamingException {
        String setter = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method method : ApogeeConnectionFactory.class.getMethods()) {
            if (!method.getName().equals(setter) || method.getParameterCount() != 1) {
                continue;
            }
            Class<?> type = method.getParameterTypes()[0];
            try {
                Object converted;
                if (type == String.class) {
                    converted = value;
                } else if (type == int.class) {
                    converted = Integer.valueOf(value);
                } else if (type == long.class) {
                    converted = Long.valueOf(value);
                } else if (type == boolean.class) {
                    converted = Boolean.valueOf(value);
                } else {
                    continue;
                }
                method.invoke(factory, converted);
                return;
            } catch (NumberFormatException e) {
                throw configuration(jndiName, property + " is not a number: " + value, e);
            } catch (InvocationTargetException e) {
                throw configuration(jndiName, property + ": " + e.getCause().getMessage(), e.getCause());
            } catch (IllegalAccessException e) {
                throw configuration(jndiName, property + ": " + e.getMessage(), e);
            }
        }
        throw configuration(jndiName, "no connection factory property " + property, null);
    }

    private static ConfigurationException configuration(String jndiName, String problem, Throwable cause) {
        ConfigurationException e = new ConfigurationException("connection factory " + jndiName + ": " + problem);
        e.setRootCause(cause);
        return e;
    }
}
