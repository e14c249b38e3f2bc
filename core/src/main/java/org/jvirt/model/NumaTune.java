package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code <numatune>}: host memory placement (docs/pinning.md#numatune-interplay). */
public record NumaTune(Optional<Memory> memory, List<MemNode> memnodes, Extras extras) {
    public NumaTune {
        Objects.requireNonNull(memory, "memory");
        memnodes = List.copyOf(memnodes);
        Objects.requireNonNull(extras, "extras");
    }

    /** {@code <memory mode placement nodeset/>}; a nodeset only with static placement. */
    public record Memory(NumaMode mode, Placement placement, Optional<CpuSet> nodeset) {
        public Memory {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(placement, "placement");
            Objects.requireNonNull(nodeset, "nodeset");
        }
    }

    /** {@code <memnode cellid mode nodeset/>}: placement of one guest NUMA cell's memory. */
    public record MemNode(int cellId, NumaMode mode, CpuSet nodeset) {
        public MemNode {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(nodeset, "nodeset");
        }
    }
}
