package org.jvirt.spi;

import java.util.Map;
import java.util.Optional;

/** The process environment, as a seam: the real one reads {@link System#getenv}. */
@FunctionalInterface
public interface Environment {
    Optional<String> get(String name);

    static Environment system() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isEmpty());
    }

    static Environment of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isEmpty());
    }
}
