package org.jvirt.model;

import java.util.Objects;

/**
 * {@code <cputune><iothreadpin iothread='K' cpuset='SET'/>}: the pin of I/O thread K, with what the
 * element carried that the model does not know.
 */
public record IothreadPin(int iothread, CpuSet cpuset, Extras extras) {
    public IothreadPin {
        Objects.requireNonNull(cpuset, "cpuset");
        Objects.requireNonNull(extras, "extras");
    }

    public IothreadPin(int iothread, CpuSet cpuset) {
        this(iothread, cpuset, Extras.NONE);
    }
}
