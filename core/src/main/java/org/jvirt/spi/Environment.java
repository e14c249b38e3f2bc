package org.jvirt.spi;

import java.util.Map;
import java.util.Optional;

/** The process environment, as a seam: the real one reads {@link System#getenv}. */
@FunctionalInterface
public interface Environment {
    Optional<String> get(String name);

    static Environment system() {
        return SystemEnvironment.INSTANCE;
    }

    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> nonEmpty(copy.get(name));
    }

    /** The value, unless it is missing or empty (an empty variable counts as unset). */
    static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
