package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.driver.ThreadView;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;

/** What the kernel says of a running QEMU's threads: vcpuinfo from /proc, pincheck from {@link QemuPinningProbe}. */
final class QemuThreadView implements ThreadView<QemuRuntime> {
    private final Path stateDir;
    private final ProcFs proc;
    private final Path cgroupRoot;
    private final HostTopology host;
    private final java.util.function.BooleanSupplier cpusetCgroups;

    /** {@code cpusetCgroups}: whether the domain's threads are in cpuset groups of its own (else no group's cpuset is theirs). */
    QemuThreadView(Path stateDir, ProcFs proc, Path cgroupRoot, HostTopology host,
                   java.util.function.BooleanSupplier cpusetCgroups) {
        this.cpusetCgroups = cpusetCgroups;
        this.stateDir = stateDir;
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
        this.host = host;
    }

    /** What the kernel enforces for every QEMU thread: status file, /proc and the cpuset cgroups. */
    @Override
    public List<ThreadPlacement> threadPlacements(QemuRuntime rt, DomainDef live) {
        return new QemuPinningProbe(stateDir, proc, cgroupRoot, cpusetCgroups.getAsBoolean()).probe(rt.name());
    }

    @Override
    public List<VcpuInfo> vcpuInfo(QemuRuntime rt, DomainDef live) {
        List<VcpuInfo> out = new ArrayList<>();
        Map<Integer, Long> tids = rt.vcpuThreads();
        for (int id = 0; id < live.vcpu().max(); id++) {
            if (!live.vcpu().isOnline(id)) {
                continue;
            }
            long tid = tids.getOrDefault(id, rt.pid);
            Optional<ProcFs.Stat> st = proc.stat(rt.pid, tid);
            CpuSet aff = ProcFs.ifReadable(() -> proc.cpusAllowed(rt.pid, tid)).orElse(CpuSet.EMPTY)
                    .below(host.cpuMapWidth());
            out.add(new VcpuInfo(id, st.map(s -> OptionalInt.of(s.lastCpu())).orElse(OptionalInt.empty()),
                    Optional.of("running"), st.map(ProcFs.Stat::cpuTimeNanos).orElse(0L), aff));
        }
        return out;
    }
}
