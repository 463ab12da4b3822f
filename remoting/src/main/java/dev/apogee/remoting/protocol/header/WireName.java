package dev.apogee.remoting.protocol.header;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The extFields key of a header component when it differs from the component name, e.g. the
 * one-letter keys of SEND_MESSAGE_V2.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface WireName {
    String value();
}
