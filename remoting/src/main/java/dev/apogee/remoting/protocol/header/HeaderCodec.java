package dev.apogee.remoting.protocol.header;

import dev.apogee.remoting.protocol.HeaderFields;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Converts header records to and from the string map ({@code extFields}) that travels on the wire.
 *
 * <p>Every record component is one key: its name, or {@link WireName} when present. Supported
 * component types are {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long},
 * {@code short}/{@code Short}, {@code boolean}/{@code Boolean} and enums (by name). Numbers and
 * booleans are written with {@code toString()}, which is what the official clients send and expect.
 *
 * <p>Only the record types that callers name are ever instantiated: the wire cannot choose a class,
 * and unknown keys are ignored (5.x clients add optional keys such as {@code bname} or {@code lo}).
 *
 * <p>Thread-safety: stateless apart from a per-class cache of type descriptions ({@link ClassValue}).
 */
public final class HeaderCodec {

    private static final ClassValue<HeaderType> TYPES = new ClassValue<>() {
        @Override
        protected HeaderType computeValue(Class<?> type) {
            return HeaderType.describe(type);
        }
    };

    private HeaderCodec() {
    }

    /** The header's components as extFields; null optional components are left out. */
    public static HeaderFields encode(CommandHeader header) {
        if (!(header instanceof Record)) {
            throw new IllegalArgumentException(header.getClass() + " is not a record");
        }
        HeaderType type = TYPES.get(header.getClass());
        HeaderFields.Builder fields = HeaderFields.builder(type.fields.length);
        for (Field field : type.fields) {
            Object value = field.get(header);
            if (value != null) {
                // A record's wire names are distinct (checked when its type is described).
                fields.putNew(field.wireName, value instanceof Enum<?> e ? e.name() : value.toString());
            }
        }
        return fields.build();
    }

    /**
     * Decodes {@code extFields} as a {@code type} header.
     *
     * @throws HeaderException if a required field is missing or a value does not parse; the
     *                         message names the field, so it can be returned to the caller
     */
    public static <H extends Record & CommandHeader> H decode(Map<String, String> extFields, Class<H> type) {
        HeaderType description = TYPES.get(type);
        Object[] args = new Object[description.fields.length];
        for (int i = 0; i < args.length; i++) {
            Field field = description.fields[i];
            String raw = extFields == null ? null : extFields.get(field.wireName);
            if (raw == null) {
                if (field.required) {
                    throw new HeaderException("the header field '" + field.wireName + "' is required");
                }
                args[i] = defaultValue(field.type);
            } else {
                args[i] = parse(field, raw);
            }
        }
        try {
            return type.cast(description.construct(args));
        } catch (HeaderException | IllegalArgumentException e) {
            throw new HeaderException("invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new HeaderException("cannot build " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static Object parse(Field field, String raw) {
        Class<?> t = field.type;
        String value = raw.trim();
        try {
            if (t == String.class) {
                return raw;
            } else if (t == int.class || t == Integer.class) {
                return Integer.parseInt(value);
            } else if (t == long.class || t == Long.class) {
                return Long.parseLong(value);
            } else if (t == short.class || t == Short.class) {
                return Short.parseShort(value);
            } else if (t == boolean.class || t == Boolean.class) {
                return parseBoolean(value);
            } else if (t.isEnum()) {
                return enumValue(t, value);
            }
        } catch (NumberFormatException e) {
            throw new HeaderException("the header field '" + field.wireName + "' is not a number: '" + raw + "'");
        } catch (IllegalArgumentException e) {
            throw new HeaderException("the header field '" + field.wireName + "' has an invalid value: '"
                    + raw + "'");
        }
        throw new IllegalStateException("unsupported header component type " + t);
    }

    private static boolean parseBoolean(String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new IllegalArgumentException(value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String value) {
        return Enum.valueOf((Class) type, value);
    }

    private static Object defaultValue(Class<?> type) {
        if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == short.class) {
            return (short) 0;
        } else if (type == boolean.class) {
            return false;
        }
        return null;
    }

    /** @param accessor the component's accessor, typed {@code (Object)Object} for {@code invokeExact} */
    private record Field(String wireName, Class<?> type, boolean required, MethodHandle accessor) {
        Object get(Object header) {
            try {
                return (Object) accessor.invokeExact(header);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + wireName, e);
            }
        }
    }

    /**
     * @param constructor the canonical constructor spread over one {@code Object[]} and typed
     *                    {@code (Object[])Object}: {@code invokeExact} on it costs no more than a call,
     *                    where {@code invokeWithArguments} built a list and adapted the handle on every
     *                    decode
     */
    private record HeaderType(Field[] fields, MethodHandle constructor) {

        Object construct(Object[] args) throws Throwable {
            return (Object) constructor.invokeExact(args);
        }

        static HeaderType describe(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            RecordComponent[] components = type.getRecordComponents();
            Field[] fields = new Field[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    checkSupported(type, c);
                    WireName wireName = c.getAnnotation(WireName.class);
                    fields[i] = new Field(wireName != null ? wireName.value() : c.getName(), c.getType(),
                            !c.isAnnotationPresent(OptionalField.class), lookup.unreflect(c.getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class)));
                    parameterTypes[i] = c.getType();
                    for (int j = 0; j < i; j++) {
                        if (fields[j].wireName.equals(fields[i].wireName)) {
                            throw new IllegalArgumentException("header record " + type + " names two components '"
                                    + fields[i].wireName + "' on the wire");
                        }
                    }
                }
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class,
                                parameterTypes))
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new HeaderType(fields, constructor);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("header record " + type + " must be public", e);
            }
        }

        private static void checkSupported(Class<?> owner, RecordComponent c) {
            Class<?> t = c.getType();
            boolean supported = t == String.class || t.isEnum()
                    || t == int.class || t == Integer.class || t == long.class || t == Long.class
                    || t == short.class || t == Short.class || t == boolean.class || t == Boolean.class;
            if (!supported) {
                throw new IllegalArgumentException(owner.getSimpleName() + "." + c.getName()
                        + " has unsupported type " + t);
            }
        }
    }
}
