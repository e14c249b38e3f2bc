package org.jvirt;

import java.util.OptionalInt;

import org.jvirt.model.CpuSet;

/**
 * One online vCPU as {@code virsh vcpuinfo} shows it. For a stopped domain {@code cpu} and
 * {@code state} are empty and the affinity comes from the configuration.
 *
 * @param cpuTimeNanos thread CPU time; 0 when unknown
 */
public record VcpuInfo(int vcpu, OptionalInt cpu, java.util.Optional<String> state, long cpuTimeNanos,
                       CpuSet affinity) {
}
