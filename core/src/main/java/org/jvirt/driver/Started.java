package org.jvirt.driver;

import java.util.Objects;

import org.jvirt.model.DomainDef;

/** A started domain: the driver's runtime and the live definition. */
public record Started<R>(R runtime, DomainDef live) {
    public Started {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(live, "live");
    }
}
