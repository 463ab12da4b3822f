package dev.apogee.jms;

import java.io.ObjectInputFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which classes an {@code ObjectMessage} may deserialize. Java deserialization of untrusted bytes can
 * run code (gadget chains), so only listed classes are let in; an off-list class makes
 * {@code getObject()} fail with a {@code JMSException} and nothing of it is instantiated.
 *
 * <p>An entry is a class name ({@code com.example.Order}), a package ({@code com.example}: its classes,
 * not its sub-packages), a package with its sub-packages ({@code com.example.*}), or {@code *} (trust
 * everything: only for senders you trust). Arrays are judged by their element class; primitives are
 * always let in. The default is {@link #DEFAULT_ENTRIES}; the system property
 * {@value #SYSTEM_PROPERTY} (comma-separated entries) replaces it for the whole JVM.
 */
public final class ObjectMessageTrust {

    /** The system property whose comma-separated entries replace the default. */
    public static final String SYSTEM_PROPERTY = "apogee.jms.objectMessage.trusted";

    /** The JDK's value types and collections: enough for Strings, numbers, dates, lists and maps of them. */
    public static final List<String> DEFAULT_ENTRIES = List.of("java.lang", "java.util", "java.math", "java.time");

    /** Class names and package names: a name matches a class exactly, or the package it is in. */
    private final Set<String> exact;
    private final List<String> packageTrees;
    private final boolean all;

    private ObjectMessageTrust(List<String> entries) {
        this.all = entries.contains("*");
        this.packageTrees = entries.stream().filter(e -> e.endsWith(".*"))
                .map(e -> e.substring(0, e.length() - 1)).toList();
        this.exact = entries.stream().filter(e -> !e.endsWith("*")).collect(Collectors.toUnmodifiableSet());
    }

    /** Trust exactly {@code entries} (class names, packages, {@code pkg.*} trees or {@code *}). */
    public static ObjectMessageTrust of(String... entries) {
        return new ObjectMessageTrust(Arrays.stream(entries).map(String::strip).filter(e -> !e.isEmpty())
                .toList());
    }

    /** The default trust, or the system property's when it is set. */
    public static ObjectMessageTrust fromSystemProperties() {
        String value = System.getProperty(SYSTEM_PROPERTY);
        if (value == null || value.isBlank()) {
            return new ObjectMessageTrust(DEFAULT_ENTRIES);
        }
        return of(value.split(","));
    }

    /** Whether objects of class {@code name} may be deserialized. */
    public boolean trusts(String name) {
        if (all) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        if (exact.contains(name) || exact.contains(dot < 0 ? "" : name.substring(0, dot))) {
            return true;
        }
        for (String tree : packageTrees) {
            if (name.startsWith(tree)) {
                return true;
            }
        }
        return false;
    }

    /** The deserialization filter applying this trust: rejects an off-list class before any object of it is made. */
    public ObjectInputFilter filter() {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive() || trusts(type.getName())) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public String toString() {
        return "ObjectMessageTrust[" + (all ? "*" : java.util.stream.Stream.concat(exact.stream().sorted(),
                packageTrees.stream().map(tree -> tree + "*")).collect(Collectors.joining(", "))) + "]";
    }
}
