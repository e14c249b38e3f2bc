package org.jvirt.tuning;

import java.util.Objects;

import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;

/**
 * Where a domain's memory lives ({@code virsh numatune}): the mode of {@code <numatune><memory>}
 * and its host NUMA node set; for a running domain placed automatically the nodes numad chose.
 * An empty nodeset means none is set (every host node).
 */
public record NumaParameters(NumaMode mode, CpuSet nodeset) {
    public NumaParameters {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(nodeset, "nodeset");
    }
}
