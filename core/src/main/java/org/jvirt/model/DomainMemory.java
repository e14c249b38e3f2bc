package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <memory dumpCore>}, {@code <currentMemory>} and {@code <maxMemory slots>}, all in KiB
 * (the parser converts every libvirt unit).
 *
 * @param dumpCore whether guest memory goes into a core dump of the emulator ({@code on}/{@code
 *                 off}); empty: the hypervisor's default
 */
public record DomainMemory(long memoryKiB, long currentKiB, Optional<MaxMemory> maxMemory,
                           Optional<Boolean> dumpCore) {
    public DomainMemory {
        if (memoryKiB < 0 || currentKiB < 0) {
            throw new IllegalArgumentException("negative memory size");
        }
        Objects.requireNonNull(maxMemory, "maxMemory");
        Objects.requireNonNull(dumpCore, "dumpCore");
    }

    public DomainMemory(long memoryKiB, long currentKiB, Optional<MaxMemory> maxMemory) {
        this(memoryKiB, currentKiB, maxMemory, Optional.empty());
    }

    public static DomainMemory ofKiB(long kib) {
        return new DomainMemory(kib, kib, Optional.empty());
    }

    /** {@code <maxMemory slots='N'>KiB</maxMemory>}. */
    public record MaxMemory(long kib, int slots) {
    }
}
