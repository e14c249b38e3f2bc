package org.jvirt;

/**
 * The summary of {@code virsh dominfo}.
 *
 * @param cpuTimeNanos CPU time used by the domain, 0 when not running
 */
public record DomainInfo(DomainState state, long maxMemoryKiB, long memoryKiB, int vcpus, long cpuTimeNanos) {
}
