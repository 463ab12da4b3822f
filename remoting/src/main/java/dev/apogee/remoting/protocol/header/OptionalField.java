package dev.apogee.remoting.protocol.header;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a header component that may be absent on the wire. An absent optional component decodes
 * to null (reference types) or zero/false (primitives); a null one is not written. Components
 * without this mark are required: decoding fails when they are missing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface OptionalField {
}
