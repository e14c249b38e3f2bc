package org.jvirt.model;

import java.util.Objects;

/** {@code <cputune><vcpupin vcpu='I' cpuset='SET'/>}: an explicit pin of one vCPU. */
public record VcpuPin(int vcpu, CpuSet cpuset) {
    public VcpuPin {
        if (vcpu < 0) {
            throw new IllegalArgumentException("negative vCPU id " + vcpu);
        }
        Objects.requireNonNull(cpuset, "cpuset");
    }
}
