package org.jvirt.model;

import java.util.Objects;

/** {@code <cputune><iothreadpin iothread='K' cpuset='SET'/>}: the pin of I/O thread K. */
public record IothreadPin(int iothread, CpuSet cpuset) {
    public IothreadPin {
        Objects.requireNonNull(cpuset, "cpuset");
    }
}
