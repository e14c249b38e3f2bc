package org.jvirt.pinning;

import java.util.Objects;

import org.jvirt.model.CpuSet;

/**
 * Where one thread may run, and which row of docs/pinning.md#which-cpus-a-thread-gets decided it.
 *
 * @param cpus   the host CPUs; never empty for a valid definition
 * @param reason the precedence row that produced {@code cpus}
 */
public record ResolvedSet(CpuSet cpus, Reason reason) {
    public ResolvedSet {
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(reason, "reason");
    }

    /** The rows of docs/pinning.md#which-cpus-a-thread-gets, in precedence order. */
    public enum Reason {
        /** Row 1: {@code <vcpupin>}, {@code <emulatorpin>} or {@code <iothreadpin>} for this thread. */
        EXPLICIT_PIN,
        /** Row 2: {@code <vcpu placement='auto'>}, numad's advice (live resolution only). */
        NUMAD,
        /** Row 3: inherited from {@code <vcpu cpuset>}. */
        VCPU_CPUSET,
        /** Row 4: nothing says otherwise, every online host CPU. */
        ALL_HOST_CPUS
    }
}
