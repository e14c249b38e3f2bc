package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jvirt.Version;
import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.host.Capabilities;
import org.jvirt.host.GuestCapability;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;
import org.jvirt.host.HostName;
import org.jvirt.xml.CapabilitiesXml;

/** The real host as the QEMU driver reports it. */
final class QemuHost implements org.jvirt.host.probe.LinuxHostViews {
    private final HostTopology topology;
    private final Path root;
    private final java.util.function.Supplier<QemuCaps> caps;

    private final java.util.function.Function<String, QemuCaps> binaries;
    private final org.jvirt.host.probe.NodeStatsReader stats;

    /**
     * {@code root}: where the kernel's host name is read ({@code /}); {@code caps}: the default
     * emulator's capabilities; {@code binaries}: any emulator's; {@code stats}: the host's CPU
     * time and memory.
     */
    QemuHost(HostTopology topology, Path root, java.util.function.Supplier<QemuCaps> caps,
             java.util.function.Function<String, QemuCaps> binaries, org.jvirt.host.probe.NodeStatsReader stats) {
        this.topology = topology;
        this.root = root;
        this.caps = caps;
        this.binaries = binaries;
        this.stats = stats;
    }

    @Override
    public org.jvirt.host.probe.NodeStatsReader nodeStats() {
        return stats;
    }

    /** From the probed binary: the default emulator, or the one asked for. */
    @Override
    public String domainCapabilities(Optional<String> emulator, Optional<String> arch, Optional<String> machine,
                                     Optional<String> virtType) {
        QemuCaps c = emulator.map(binaries).orElseGet(caps);
        return org.jvirt.driver.qemu.capabilities.DomainCapabilitiesXml.format(c, topology.arch(), arch, machine,
                virtType);
    }

    @Override
    public String hostname() {
        return HostName.read(root).orElse("localhost");
    }

    @Override
    public String hypervisorType() {
        return "QEMU";
    }

    @Override
    public Version hypervisorVersion() {
        return caps.get().version();
    }

    @Override
    public HostTopology topology() {
        return topology;
    }

    @Override
    public NodeInfo nodeInfo() {
        return NodeInfo.of(topology);
    }

    @Override
    public String capabilitiesXml() {
        QemuCaps c = caps.get();
        List<String> types = c.kvm() ? List.of("qemu", "kvm") : List.of("qemu");
        GuestCapability hvm = GuestCapability.of("hvm", topology.arch(), c.binary(), types);
        return CapabilitiesXml.format(new Capabilities(topology, nodeInfo(), Optional.empty(), List.of(hvm)));
    }
}
