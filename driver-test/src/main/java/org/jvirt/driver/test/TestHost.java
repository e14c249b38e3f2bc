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
        List<String> types = SimulatedHypervisor.TYPES.stream().sorted().toList();
        GuestCapability hvm = GuestCapability.of("hvm", topology.arch(), "/usr/bin/test-hv", types);
        GuestCapability exe = GuestCapability.of("exe", topology.arch(), "/usr/bin/test-hv", List.of("lxc"));
        return CapabilitiesXml.format(new Capabilities(topology, nodeInfo(), Optional.empty(), List.of(hvm, exe)));
    }
}
