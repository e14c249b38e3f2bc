package org.jvirt.driver.test;

import java.util.List;
import java.util.Optional;

import org.jvirt.Version;
import org.jvirt.host.Capabilities;
import org.jvirt.host.GuestCapability;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;
import org.jvirt.host.HostName;
import org.jvirt.spi.HostOps;
import org.jvirt.xml.CapabilitiesXml;
import org.jvirt.xml.NodeDocument;

/** The simulated host of a test connection; the host name is the node's, else the real one. */
final class TestHost implements HostOps {
    static final Version VERSION = new Version(0, 0, 2);

    private final HostTopology topology;
    private final Optional<String> hostname;

    TestHost(NodeDocument node) {
        this.topology = node.topology();
        this.hostname = node.hostname();
    }

    @Override
    public String hostname() {
        return hostname.orElseGet(HostName::ofThisHost);
    }

    @Override
    public String hypervisorType() {
        return "TEST";
    }

    @Override
    public Version hypervisorVersion() {
        return VERSION;
    }

    @Override
    public HostTopology topology() {
        return topology;
    }

    /**
     * Counted over every CPU of the cells: the test host has 16 CPUs although only 8 can be
     * pinned to, as libvirt's test driver reports.
     */
    @Override
    public NodeInfo nodeInfo() {
        HostTopology allOnline = new HostTopology(topology.arch(), topology.cpuModel(), topology.mhz(),
                topology.cells(), topology.allCpus(), topology.cpuMapWidth());
        return NodeInfo.of(allOnline);
    }

    @Override
    public String capabilitiesXml() {
        List<String> types = TestHypervisor.TYPES.stream().sorted().toList();
        GuestCapability hvm = GuestCapability.of("hvm", topology.arch(), "/usr/bin/test-hv", types);
        GuestCapability exe = GuestCapability.of("exe", topology.arch(), "/usr/bin/test-hv", List.of("lxc"));
        return CapabilitiesXml.format(new Capabilities(topology, nodeInfo(), Optional.empty(), List.of(hvm, exe)));
    }

    /** The simulated host runs nothing: every cell's memory is free. */
    @Override
    public java.util.List<Long> cellsFreeMemoryBytes() {
        return topology.cells().stream().map(c -> c.memoryKiB() * 1024).toList();
    }

    @Override
    public long freeMemoryBytes() {
        return topology.memoryKiB() * 1024;
    }

    /** Fixed times, the same as libvirt's test driver reports for every CPU and for all of them. */
    @Override
    public org.jvirt.host.NodeCpuStats cpuStats(java.util.OptionalInt cpu) {
        if (cpu.isPresent() && !topology.allCpus().contains(cpu.getAsInt())) {
            throw org.jvirt.error.VirtException.of(org.jvirt.error.ErrorCode.INVALID_ARG,
                    org.jvirt.error.ErrorDomain.TEST, "Invalid cpuNum in nodeGetCPUStats: %d (the host has CPUs %s)",
                    cpu.getAsInt(), topology.allCpus().format());
        }
        return new org.jvirt.host.NodeCpuStats(9797400000L, 34678723400000L, 87264900000L, 763600000L);
    }

    @Override
    public org.jvirt.host.NodeMemoryStats memoryStats(java.util.OptionalInt cell) {
        long total = cell.isPresent() ? topology.cell(cell.getAsInt()).orElseThrow(() -> org.jvirt.error.VirtException.of(
                org.jvirt.error.ErrorCode.INVALID_ARG, org.jvirt.error.ErrorDomain.TEST,
                "invalid cell number %d (the host has %d cells)", cell.getAsInt(), topology.cells().size())).memoryKiB()
                : topology.memoryKiB();
        return new org.jvirt.host.NodeMemoryStats(total, total, java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty());
    }
}
