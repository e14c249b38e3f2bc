package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jvirt.Version;
import org.jvirt.host.Capabilities;
import org.jvirt.host.GuestCapability;
import org.jvirt.host.probe.HostProbe;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeInfo;
import org.jvirt.xml.CapabilitiesXml;

/**
 * The host of {@code lxc:///system}. As in libvirt, the hypervisor version is the running
 * kernel's. The topology is read once per connection.
 */
final class LxcHost implements org.jvirt.host.probe.LinuxHostViews {
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private final HostProbe probe;
    private final HostTopology topology;
    private final Path procRoot;
    private final String emulator;

    private final org.jvirt.host.probe.NodeStatsReader stats;

    LxcHost(HostProbe probe, HostTopology topology, Path procRoot, String emulator) {
        this(probe, topology, procRoot, emulator, new org.jvirt.host.probe.NodeStatsReader(procRoot, Path.of("/sys")));
    }

    LxcHost(HostProbe probe, HostTopology topology, Path procRoot, String emulator,
            org.jvirt.host.probe.NodeStatsReader stats) {
        this.probe = probe;
        this.topology = topology;
        this.procRoot = procRoot;
        this.emulator = emulator;
        this.stats = stats;
    }

    @Override
    public org.jvirt.host.probe.NodeStatsReader nodeStats() {
        return stats;
    }

    @Override
    public String hostname() {
        return probe.hostname();
    }

    @Override
    public String hypervisorType() {
        return "LXC";
    }

    @Override
    public Version hypervisorVersion() {
        return kernelVersion(read(procRoot.resolve("sys/kernel/osrelease")).orElse(""));
    }

    /** {@code 6.18.44-fc-v669} gives 6.18.44; an unreadable release 0.0.0. */
    static Version kernelVersion(String release) {
        Matcher m = RELEASE.matcher(release.strip());
        if (!m.lookingAt()) {
            return new Version(0, 0, 0);
        }
        try {
            return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            return new Version(0, 0, 0);
        }
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public HostTopology topology() {
        return topology;
    }

    @Override
    public NodeInfo nodeInfo() {
        return NodeInfo.of(topology, probe.totalMemoryKiB());
    }

    @Override
    public String capabilitiesXml() {
        GuestCapability exe = GuestCapability.of("exe", topology.arch(), emulator, List.of("lxc"));
        return CapabilitiesXml.format(new Capabilities(topology, nodeInfo(), Optional.empty(), List.of(exe)));
    }
}
