package org.jvirt.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code <memtune>}: memory limits of the domain's cgroup, all in KiB.
 */
public record MemTune(OptionalLong hardLimitKiB, OptionalLong softLimitKiB, OptionalLong swapHardLimitKiB,
                      OptionalLong minGuaranteeKiB, Extras extras) {
    public static final MemTune EMPTY = new MemTune(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), Extras.NONE);

    public MemTune {
        Objects.requireNonNull(hardLimitKiB, "hardLimitKiB");
        Objects.requireNonNull(softLimitKiB, "softLimitKiB");
        Objects.requireNonNull(swapHardLimitKiB, "swapHardLimitKiB");
        Objects.requireNonNull(minGuaranteeKiB, "minGuaranteeKiB");
        Objects.requireNonNull(extras, "extras");
    }
}
