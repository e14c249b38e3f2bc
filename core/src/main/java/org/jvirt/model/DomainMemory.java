package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <memory>}, {@code <currentMemory>} and {@code <maxMemory slots>}, all in KiB (the
 * parser converts every libvirt unit).
 */
public record DomainMemory(long memoryKiB, long currentKiB, Optional<MaxMemory> maxMemory) {
    public DomainMemory {
        if (memoryKiB < 0 || currentKiB < 0) {
            throw new IllegalArgumentException("negative memory size");
        }
        Objects.requireNonNull(maxMemory, "maxMemory");
    }

    public static DomainMemory ofKiB(long kib) {
        return new DomainMemory(kib, kib, Optional.empty());
    }

    /** {@code <maxMemory slots='N'>KiB</maxMemory>}. */
    public record MaxMemory(long kib, int slots) {
    }
}
