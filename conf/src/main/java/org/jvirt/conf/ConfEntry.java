package org.jvirt.conf;

import java.util.Objects;

/** One {@code key = value} statement, with the 1-based position of its key. */
public record ConfEntry(String key, ConfValue value, int line, int column) {
    public ConfEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
