package org.jvirt.host.probe;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jvirt.host.HostTopology;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * A {@link HostProbe} that reads everything from sysfs and procfs under a root directory: the
 * probe for fake host trees in tests, and a fallback where OSHI is unavailable.
 *
 * <p>CPUs are those of the nodes' {@code cpulist}s, or, without NUMA nodes, the present CPUs.
 * The CPU model is the architecture, because that is what {@code virsh nodeinfo} prints as
 * "CPU model".
 */
public final class SysfsHostProbe implements HostProbe {
    private final SysfsReader reader;
    private final String arch;

    public SysfsHostProbe(SysfsReader reader, String arch) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.arch = Objects.requireNonNull(arch, "arch");
    }

    /** Over {@code root}, with the architecture from {@code root/proc/sys/kernel/arch}. */
    public SysfsHostProbe(Path root) {
        this(new SysfsReader(root), new SysfsReader(root).arch().orElse("unknown"));
    }

    @Override
    public HostTopology topology() {
        List<SysfsReader.NodeFacts> nodes = reader.nodes();
        Map<Integer, Integer> cellOf = new HashMap<>();
        CpuSet cpus = CpuSet.EMPTY;
        for (SysfsReader.NodeFacts n : nodes) {
            cpus = cpus.union(n.cpus());
            n.cpus().stream().forEach(c -> cellOf.putIfAbsent(c, n.id()));
        }
        if (nodes.isEmpty() || cpus.isEmpty()) {
            cpus = reader.presentCpus().orElseGet(reader::cpuDirectories);
        }
        if (cpus.isEmpty()) {
            throw VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "no CPUs found under %s",
                    "sys/devices/system");
        }
        CpuSet online = reader.onlineCpus().orElse(cpus);
        return TopologyAssembler.assemble(arch, arch, reader.cpuMhz(arch).orElse(0), cpus, reader::cpuPlace, cellOf,
                nodes, reader.memTotalKiB().orElse(0), online,
                TopologyAssembler.cpuMapWidth(reader.presentCpus(), reader.possibleCpus(), cpus));
    }

    /** {@code MemTotal} of {@code proc/meminfo}, else the sum of the cells. */
    @Override
    public long totalMemoryKiB() {
        return reader.memTotalKiB().orElseGet(() -> topology().memoryKiB());
    }

    @Override
    public String hostname() {
        return reader.hostname().orElseThrow(() -> VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST,
                "the host name is unknown (proc/sys/kernel/hostname is missing or empty)"));
    }
}
