package org.jvirt.host.probe;

import java.util.List;
import java.util.Optional;

import org.jvirt.host.Capabilities;
import org.jvirt.host.GuestCapability;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;

/**
 * Where the host's facts come from: {@link SystemHostProbe} in production (sysfs, and
 * {@link OshiHostProbe} where it falls short), {@link SysfsHostProbe} over a fake root in tests,
 * or any fixed value.
 *
 * <p>Each call reads the host afresh (CPUs can go on- and offline); callers cache as they see
 * fit. Failures are {@link org.jvirt.error.VirtException}s with code
 * {@link org.jvirt.error.ErrorCode#NO_HOST_DATA}.
 */
public interface HostProbe {
    /** CPUs, NUMA cells, memory and the online set. */
    HostTopology topology();

    /** The host's name, as {@code virsh hostname} prints it. */
    String hostname();

    /** The host's total memory in KiB ({@code MemTotal}); by default the sum of the cells. */
    default long totalMemoryKiB() {
        return topology().memoryKiB();
    }

    /** {@code virsh nodeinfo}: derived from {@link #topology()} and {@link #totalMemoryKiB()}. */
    default NodeInfo nodeInfo() {
        return NodeInfo.of(topology(), totalMemoryKiB());
    }

    /** {@code virsh capabilities} of this host running {@code guests}: topology and nodeinfo, no UUID. */
    default Capabilities capabilities(List<GuestCapability> guests) {
        HostTopology t = topology();
        return new Capabilities(t, NodeInfo.of(t, totalMemoryKiB()), Optional.empty(), guests);
    }
}
