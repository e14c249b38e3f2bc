package org.jvirt.cli.adapt;

import java.util.Objects;

import org.jvirt.model.CpuSet;

/** Where one thread (group) may run and why. */
public record ThreadPin(PinTarget target, CpuSet cpus, PinReason reason) {
    public ThreadPin {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(reason, "reason");
    }
}
