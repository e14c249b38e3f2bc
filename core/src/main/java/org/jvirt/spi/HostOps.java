package org.jvirt.spi;

import org.jvirt.Version;
import org.jvirt.host.HostTopology;

/** What a driver tells about its host. */
public interface HostOps {
    String hostname();

    /** {@code QEMU}, {@code LXC}, {@code TEST}. */
    String hypervisorType();

    Version hypervisorVersion();

    HostTopology topology();

    org.jvirt.host.NodeInfo nodeInfo();

    /** Capabilities XML in the shape of {@code virsh capabilities}. */
    String capabilitiesXml();

    /** Free memory of the whole host in bytes ({@code virsh freecell} without a cell). */
    default long freeMemoryBytes() {
        throw NoSupport.call("virNodeGetFreeMemory");
    }

    /** Free memory of every NUMA cell in bytes, by cell id order ({@code virsh freecell --all}). */
    default java.util.List<Long> cellsFreeMemoryBytes() {
        throw NoSupport.call("virNodeGetCellsFreeMemory");
    }

    /** Host CPU time since boot, of all CPUs or of {@code cpu} ({@code virsh nodecpustats}). */
    default org.jvirt.host.NodeCpuStats cpuStats(java.util.OptionalInt cpu) {
        throw NoSupport.call("virNodeGetCPUStats");
    }

    /** Host memory, of the whole host or of NUMA cell {@code cell} ({@code virsh nodememstats}). */
    default org.jvirt.host.NodeMemoryStats memoryStats(java.util.OptionalInt cell) {
        throw NoSupport.call("virNodeGetMemoryStats");
    }

    /**
     * What the driver can run, as {@code <domainCapabilities>} XML ({@code virsh domcapabilities});
     * each argument may be empty (the driver's default).
     */
    default String domainCapabilities(java.util.Optional<String> emulator, java.util.Optional<String> arch,
                                      java.util.Optional<String> machine, java.util.Optional<String> virtType) {
        throw NoSupport.call("virConnectGetDomainCapabilities");
    }
}
