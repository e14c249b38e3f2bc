package org.jvirt.pinning;

import java.util.Objects;

/** Something accepted but worth telling the user (e.g. V14: a vcpupin beyond the maximum is ignored). */
public record Warning(String message) {
    public Warning {
        Objects.requireNonNull(message, "message");
    }
}
