package org.jvirt.host;

import java.util.Objects;

import org.jvirt.model.CpuSet;

/** One logical CPU of the host and where it sits. */
public record HostCpu(int id, int socketId, int dieId, int coreId, CpuSet siblings, int cellId) {
    public HostCpu {
        Objects.requireNonNull(siblings, "siblings");
    }
}
