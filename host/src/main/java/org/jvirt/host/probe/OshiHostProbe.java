package org.jvirt.host.probe;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.driver.Lazy;
import org.jvirt.host.HostTopology;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The production {@link HostProbe}. The pieces come from where they are best known:
 * <ul>
 * <li><b>OSHI</b>: the list of logical CPUs with, for each, its package (socket), core and NUMA
 *     node; total memory (the single cell of a host without NUMA); the host name; the CPU
 *     frequency when {@code /proc/cpuinfo} has none;</li>
 * <li><b>sysfs</b> ({@link SysfsReader}), for what OSHI does not expose: die ids, thread
 *     siblings, the online set, which CPUs have a published topology (an offline CPU does not, and
 *     OSHI then reports it as socket 0, core 0), per-node memory and distances, the CPU map width,
 *     and the "cpu MHz" libvirt reports.</li>
 * </ul>
 * The CPU model is the architecture, as {@code virsh nodeinfo} prints it.
 */
public final class OshiHostProbe implements HostProbe {
    private final Supplier<SystemInfo> oshi;
    private final SysfsReader sysfs;
    private final Supplier<String> arch;

    public OshiHostProbe(SystemInfo oshi, SysfsReader sysfs, String arch) {
        Objects.requireNonNull(oshi, "oshi");
        Objects.requireNonNull(arch, "arch");
        this.oshi = () -> oshi;
        this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
        this.arch = () -> arch;
    }

    private OshiHostProbe(SysfsReader sysfs) {
        this.sysfs = sysfs;
        this.oshi = Lazy.of(SystemInfo::new);
        this.arch = Lazy.of(sysfs::hostArch);
    }

    /**
     * The real host: OSHI, sysfs under {@code /}, the running kernel's architecture. Nothing is
     * read until the first question: OSHI (and the JNA it loads) starts then.
     */
    public static OshiHostProbe system() {
        return new OshiHostProbe(new SysfsReader(Path.of("/")));
    }

    @Override
    public HostTopology topology() {
        HardwareAbstractionLayer hw;
        List<CentralProcessor.LogicalProcessor> logical;
        try {
            hw = oshi.get().getHardware();
            logical = hw.getProcessor().getLogicalProcessors();
        } catch (RuntimeException | LinkageError e) {
            throw new VirtException(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "cannot list the host CPUs: " + e, e);
        }
        Map<Integer, CentralProcessor.LogicalProcessor> byId = new HashMap<>();
        Map<Integer, Integer> cellOf = new HashMap<>();
        for (CentralProcessor.LogicalProcessor lp : logical) {
            if (lp.getProcessorNumber() >= 0 && lp.getProcessorNumber() < CpuSet.XML_LIMIT) {
                byId.put(lp.getProcessorNumber(), lp);
                cellOf.put(lp.getProcessorNumber(), Math.max(lp.getNumaNode(), 0));
            }
        }
        if (byId.isEmpty()) {
            throw VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "OSHI found no CPUs");
        }
        CpuSet cpus = CpuSet.of(byId.keySet().stream().mapToInt(Integer::intValue).toArray());
        CpuSet online = sysfs.onlineCpus().orElse(cpus);
        String arch = this.arch.get();
        int mhz = sysfs.cpuMhz(arch).orElseGet(() -> (int) Math.max(0,
                hw.getProcessor().getProcessorIdentifier().getVendorFreq() / 1_000_000L));
        return TopologyAssembler.assemble(arch, arch, mhz, cpus, id -> place(byId.get(id), id), cellOf,
                sysfs.nodes(), hw.getMemory().getTotal() / 1024, online,
                TopologyAssembler.cpuMapWidth(sysfs.presentCpus(), sysfs.possibleCpus(), cpus));
    }

    /** OSHI's socket and core, sysfs's die and siblings; unknown when sysfs has no topology. */
    private Optional<SysfsReader.CpuPlace> place(CentralProcessor.LogicalProcessor lp, int id) {
        return sysfs.cpuPlace(id).map(p -> new SysfsReader.CpuPlace(
                lp.getPhysicalPackageNumber() == -1 ? 0 : lp.getPhysicalPackageNumber(), p.dieId(),
                lp.getPhysicalProcessorNumber(), p.siblings()));
    }

    /** OSHI's total memory ({@code MemTotal}). */
    @Override
    public long totalMemoryKiB() {
        try {
            return oshi.get().getHardware().getMemory().getTotal() / 1024;
        } catch (RuntimeException | LinkageError e) {
            throw new VirtException(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "cannot read the host memory: " + e, e);
        }
    }

    @Override
    public String hostname() {
        String name;
        try {
            name = oshi.get().getOperatingSystem().getNetworkParams().getHostName();
        } catch (RuntimeException | LinkageError e) {
            name = null;
        }
        if (name == null || name.isBlank()) {
            return sysfs.hostname().orElseThrow(() -> VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST,
                    "the host name is unknown"));
        }
        return name;
    }
}
