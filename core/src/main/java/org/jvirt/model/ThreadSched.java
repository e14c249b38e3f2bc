package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code vcpusched vcpus='SET'}, {@code iothreadsched iothreads='SET'} or
 * {@code emulatorsched} (no set): a scheduling policy for some threads.
 */
public record ThreadSched(Optional<CpuSet> ids, SchedPolicy scheduler, OptionalInt priority) {
    public ThreadSched {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(priority, "priority");
    }
}
