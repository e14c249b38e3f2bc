package org.jvirt.conf;

import java.util.List;
import java.util.Objects;

/**
 * One value of a conf file, with the 1-based line and column where it starts.
 *
 * <p>The syntax has strings, 64-bit signed integers and (one level of) lists of those; there is
 * no boolean type: booleans are the integers 0 and 1, read with {@link ConfFile#getBoolean}.
 */
public sealed interface ConfValue permits ConfValue.Str, ConfValue.Int, ConfValue.Lst {
    int line();

    int column();

    /** {@code a string}, {@code an integer} or {@code a list}, for messages. */
    String typeName();

    /** A quoted string. */
    record Str(String value, int line, int column) implements ConfValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "a string";
        }
    }

    /** A signed decimal integer. */
    record Int(long value, int line, int column) implements ConfValue {
        @Override
        public String typeName() {
            return "an integer";
        }
    }

    /** A bracketed list of strings and integers (lists do not nest). */
    record Lst(List<ConfValue> items, int line, int column) implements ConfValue {
        public Lst {
            items = List.copyOf(items);
            for (ConfValue v : items) {
                if (v instanceof Lst) {
                    throw new IllegalArgumentException("lists do not nest");
                }
            }
        }

        @Override
        public String typeName() {
            return "a list";
        }
    }
}
