package dev.apogee.jms.jndi;

import dev.apogee.jms.ApogeeQueue;
import dev.apogee.jms.ApogeeTopic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.CompoundName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * A flat, read-only JNDI context over the objects {@link ApogeeInitialContextFactory} made: a name is one
 * string ({@code jms/Orders} is the name {@code jms/Orders}, not a sub-context), looked up exactly.
 * {@code dynamicQueues/X} and {@code dynamicTopics/X} make queue and topic {@code X}; the empty name is this
 * context. Binding, renaming and sub-contexts are refused with {@link OperationNotSupportedException}.
 */
final class ReadOnlyContext implements Context {

    static final String DYNAMIC_QUEUES = "dynamicQueues/";
    static final String DYNAMIC_TOPICS = "dynamicTopics/";
    private static final NameParser FLAT = name -> new CompoundName(name, flatSyntax());

    private final Map<String, Object> bindings;
    private final Hashtable<Object, Object> environment;
    private volatile boolean closed;

    ReadOnlyContext(Map<String, Object> bindings, Hashtable<Object, Object> environment) {
        this.bindings = Collections.unmodifiableMap(bindings);
        this.environment = environment;
    }

    private static Properties flatSyntax() {
        Properties syntax = new Properties();
        syntax.put("jndi.syntax.direction", "flat");
        return syntax;
    }

    private void checkOpen() throws NamingException {
        if (closed) {
            throw new NamingException("the context is closed");
        }
    }

    private static String text(Name name) {
        return name == null ? "" : (name.size() == 1 ? name.get(0) : name.toString());
    }

    @Override
    public Object lookup(String name) throws NamingException {
        checkOpen();
        if (name == null || name.isEmpty()) {
            return new ReadOnlyContext(bindings, new Hashtable<>(environment));
        }
        Object bound = bindings.get(name);
        if (bound != null) {
            return bound;
        }
        try {
            if (name.startsWith(DYNAMIC_QUEUES) && name.length() > DYNAMIC_QUEUES.length()) {
                return new ApogeeQueue(name.substring(DYNAMIC_QUEUES.length()));
            }
            if (name.startsWith(DYNAMIC_TOPICS) && name.length() > DYNAMIC_TOPICS.length()) {
                return new ApogeeTopic(name.substring(DYNAMIC_TOPICS.length()));
            }
        } catch (RuntimeException e) {
            InvalidNameException invalid = new InvalidNameException(name + ": " + e.getMessage());
            invalid.setRootCause(e);
            throw invalid;
        }
        NameNotFoundException missing = new NameNotFoundException(name + " is not bound (bound: "
                + bindings.keySet() + ")");
        missing.setRemainingName(new CompositeName().add(name));
        throw missing;
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(text(name));
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        checkListable(name);
        List<NameClassPair> pairs = new ArrayList<>();
        bindings.forEach((key, value) -> pairs.add(new NameClassPair(key, value.getClass().getName())));
        return new Listing<>(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(text(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        checkListable(name);
        List<Binding> pairs = new ArrayList<>();
        bindings.forEach((key, value) -> pairs.add(new Binding(key, value)));
        return new Listing<>(pairs);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(text(name));
    }

    private void checkListable(String name) throws NamingException {
        checkOpen();
        if (name != null && !name.isEmpty()) {
            lookup(name); // NameNotFoundException if absent
            throw new NotContextException(name + " is not a context");
        }
    }

    @Override
    public NameParser getNameParser(String name) {
        return FLAT;
    }

    @Override
    public NameParser getNameParser(Name name) {
        return FLAT;
    }

    @Override
    public String composeName(String name, String prefix) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name composed = (Name) prefix.clone();
        return composed.addAll(name);
    }

    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    // ----- Read-only.

    private static OperationNotSupportedException readOnly() {
        return new OperationNotSupportedException("Apogee's JNDI context is read-only: configure it with "
                + "jndi.properties or the InitialContext environment");
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly();
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly();
    }

    /** A NamingEnumeration over a list made up front (the bindings never change). */
    private static final class Listing<T> implements NamingEnumeration<T> {
        private final Iterator<T> items;

        Listing(List<T> items) {
            this.items = items.iterator();
        }

        @Override
        public T next() {
            return items.next();
        }

        @Override
        public boolean hasMore() {
            return items.hasNext();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean hasMoreElements() {
            return items.hasNext();
        }

        @Override
        public T nextElement() {
            return items.next();
        }
    }
}
