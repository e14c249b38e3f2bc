package org.jvirt.protocol.xdr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * C {@code char}s, one XDR int each: a String component is a fixed {@code char[n]} (up to its first
 * NUL), a {@code byte[]} component a variable {@code char<n>}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Chars {
    int value();
}
