package org.jvirt.cli.pinning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.model.CpuSet;

/**
 * Where the kernel actually has a running domain's threads, as far as the driver knows: the CPUs
 * each thread may use (its scheduler affinity within its cgroup's cpuset) and the CPU each vCPU
 * ran on last. Keyed by the thread's label ({@code vcpu 0}, {@code emulator}, {@code iothread 1});
 * the emulator's CPUs are those of all its threads.
 */
record KernelPlacement(Map<String, CpuSet> allowed, Map<String, Integer> lastCpu) {
    KernelPlacement {
        allowed = Map.copyOf(allowed);
        lastCpu = Map.copyOf(lastCpu);
    }

    static KernelPlacement of(List<ThreadPlacement> threads, List<VcpuInfo> vcpus) {
        Map<String, CpuSet> allowed = new LinkedHashMap<>();
        for (ThreadPlacement t : threads) {
            CpuSet usable = t.cgroupCpus().map(c -> t.affinity().intersect(c)).orElse(t.affinity());
            allowed.merge(PinnedThread.label(t.kind(), t.index()), usable, CpuSet::union);
        }
        Map<String, Integer> last = new LinkedHashMap<>();
        for (VcpuInfo v : vcpus) {
            v.cpu().ifPresent(cpu -> last.put(PinnedThread.label(ThreadPlacement.Kind.VCPU, v.vcpu()), cpu));
        }
        return new KernelPlacement(allowed, last);
    }

    Optional<CpuSet> allowed(String label) {
        return Optional.ofNullable(allowed.get(label));
    }

    Optional<Integer> lastCpu(String label) {
        return Optional.ofNullable(lastCpu.get(label));
    }
}
