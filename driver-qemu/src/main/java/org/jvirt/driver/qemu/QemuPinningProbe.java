package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.ThreadPlacement;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;

/**
 * What the kernel actually does with a running domain's threads, for {@code jvirsh pincheck}:
 * per thread its affinity (/proc/PID/task/TID/status Cpus_allowed_list), its cpuset cgroup and
 * that group's cpuset.cpus. Works from any JVM: it reads the status file (pid, start time, vCPU
 * and I/O thread ids), not the monitor. KVM's kernel workers ({@code kvm-*}) are left out.
 */
public final class QemuPinningProbe {
    private final StateFiles files;
    private final ProcFs proc;
    private final Path cgroupRoot;
    private final boolean cpusetCgroups;

    public QemuPinningProbe(Path stateDir, ProcFs proc, Path cgroupRoot) {
        this(stateDir, proc, cgroupRoot, true);
    }

    /**
     * {@code cpusetCgroups} false: the domain has no cpuset groups (a session without a cgroup
     * of its own), so a thread's group (its user's) is shown without its cpuset, which is not the
     * domain's to compare.
     */
    public QemuPinningProbe(Path stateDir, ProcFs proc, Path cgroupRoot, boolean cpusetCgroups) {
        this.files = new StateFiles(stateDir, stateDir);
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
        this.cpusetCgroups = cpusetCgroups;
    }

    /** Every thread of running domain {@code name}; NOT_RUNNING when it has no live QEMU. */
    public List<ThreadPlacement> probe(String name) {
        QemuStatus s = files.readStatus(files.statusFile(name)).orElseThrow(() -> notRunning(name));
        if (!proc.isRunning(s.pid()) || !proc.isSameProcess(s.pid(), s.startTime())) {
            throw notRunning(name);
        }
        List<ThreadPlacement> out = new ArrayList<>();
        for (long tid : ProcFs.ifReadable(() -> proc.threads(s.pid())).orElse(List.of())) {
            String comm = ProcFs.ifReadable(() -> proc.threadName(s.pid(), tid)).orElse("?");
            if (comm.startsWith("kvm-")) {
                continue;
            }
            ThreadPlacement.Kind kind = ThreadPlacement.Kind.EMULATOR;
            int index = -1;
            for (Map.Entry<Integer, Long> v : s.vcpus().entrySet()) {
                if (v.getValue() == tid) {
                    kind = ThreadPlacement.Kind.VCPU;
                    index = v.getKey();
                }
            }
            for (Map.Entry<Integer, Long> io : s.iothreads().entrySet()) {
                if (io.getValue() == tid) {
                    kind = ThreadPlacement.Kind.IOTHREAD;
                    index = io.getKey();
                }
            }
            Map<String, String> cgroups = ProcFs.ifReadable(() -> proc.cgroups(s.pid(), tid)).orElse(Map.of());
            String v1 = cgroups.get("cpuset");
            String group = v1 != null ? v1 : cgroups.getOrDefault("", "/");
            Path dir = v1 != null ? cgroupRoot.resolve("cpuset").resolve(group.substring(1))
                    : cgroupRoot.resolve(group.substring(1));
            out.add(new ThreadPlacement(tid, comm, kind, index,
                    ProcFs.ifReadable(() -> proc.cpusAllowed(s.pid(), tid)).orElse(CpuSet.EMPTY), Optional.of(group), cpusetCgroups ? readCpus(dir) : Optional.empty()));
        }
        return out;
    }

    private static Optional<CpuSet> readCpus(Path dir) {
        try {
            String text = Files.readString(dir.resolve("cpuset.cpus")).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(CpuSet.parse(text, "cpuset.cpus"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static VirtException notRunning(String name) {
        return VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.QEMU, "domain '%s' has no running QEMU process",
                name);
    }
}
