package org.jvirt.state;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.host.NumadAdvice;

/**
 * What core keeps for an active domain: the driver's runtime and the numad advice it started
 * with (kept, so live queries and hotplug resolve as at start without asking numad again).
 */
public record Active<R>(R runtime, Optional<NumadAdvice> numad) {
    public Active {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(numad, "numad");
    }
}
