package org.jvirt.model;

import java.util.Objects;

/** {@code <cputune><emulatorpin cpuset='SET'/>}: the pin of every emulator thread. */
public record EmulatorPin(CpuSet cpuset) {
    public EmulatorPin {
        Objects.requireNonNull(cpuset, "cpuset");
    }
}
