package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/** {@code <pm><suspend-to-mem enabled/><suspend-to-disk enabled/></pm>}. */
public record Pm(Optional<Boolean> suspendToMem, Optional<Boolean> suspendToDisk, Extras extras) {
    public Pm {
        Objects.requireNonNull(suspendToMem, "suspendToMem");
        Objects.requireNonNull(suspendToDisk, "suspendToDisk");
        Objects.requireNonNull(extras, "extras");
    }
}
