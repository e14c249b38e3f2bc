package org.jvirt.tuning;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;

/**
 * A change of a domain's memory placement ({@code virsh numatune --mode --nodeset}): what is
 * empty stays as it is.
 */
public record NumaChange(Optional<NumaMode> mode, Optional<CpuSet> nodeset) {
    public NumaChange {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(nodeset, "nodeset");
    }

    public static NumaChange nodeset(CpuSet nodes) {
        return new NumaChange(Optional.empty(), Optional.of(nodes));
    }

    public static NumaChange mode(NumaMode mode) {
        return new NumaChange(Optional.of(mode), Optional.empty());
    }

    public NumaChange withNodeset(CpuSet nodes) {
        return new NumaChange(mode, Optional.of(nodes));
    }

    public boolean isEmpty() {
        return mode.isEmpty() && nodeset.isEmpty();
    }
}
