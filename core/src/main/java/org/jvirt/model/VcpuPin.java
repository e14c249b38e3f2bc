package org.jvirt.model;

import java.util.Objects;

/**
 * {@code <cputune><vcpupin vcpu='I' cpuset='SET'/>}: an explicit pin of one vCPU, with what the
 * element carried that the model does not know.
 */
public record VcpuPin(int vcpu, CpuSet cpuset, Extras extras) {
    public VcpuPin {
        if (vcpu < 0) {
            throw new IllegalArgumentException("negative vCPU id " + vcpu);
        }
        Objects.requireNonNull(cpuset, "cpuset");
        Objects.requireNonNull(extras, "extras");
    }

    public VcpuPin(int vcpu, CpuSet cpuset) {
        this(vcpu, cpuset, Extras.NONE);
    }
}
