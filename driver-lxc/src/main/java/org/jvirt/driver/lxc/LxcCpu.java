package org.jvirt.driver.lxc;

import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;

/**
 * The vCPU rules of containers (docs/lxc.md#vcpus-of-a-container) as pure functions: a container has no vCPUs, so the
 * {@code <vcpu>} numbers become a set of allowed host CPUs E and a CPU bandwidth. E itself is
 * core's resolution of a domain placed as a whole ({@code PinningResolver.resolveWhole}:
 * {@code <vcpu cpuset>}, numad's CPUs, or every online host CPU).
 */
public final class LxcCpu {
    /** The CFS period when {@code <cputune><period>} is absent, in microseconds. */
    public static final long DEFAULT_PERIOD_US = 100_000;

    private LxcCpu() {
    }

    /**
     * {@code cpuset.mems}: the numatune node set for every mode (strict included, unlike
     * libvirt), numad's memory nodes when the memory placement is auto; empty = the parent's.
     */
    public static Optional<CpuSet> memoryNodes(DomainDef def, HostTopology host, Optional<NumadAdvice> numad) {
        Optional<NumaTune.Memory> memory = def.numatune().flatMap(NumaTune::memory);
        if (memory.isEmpty()) {
            return Optional.empty();
        }
        if (memory.get().placement() == Placement.AUTO) {
            return numad.map(a -> a.memoryNodes(host)).filter(s -> !s.isEmpty());
        }
        return memory.get().nodeset();
    }

    /**
     * N must not exceed |E| (at start and live):
     * VCPU_COUNT {@code container wants %d vCPUs but only %d host CPUs are allowed}.
     */
    public static void checkBound(int vcpus, CpuSet allowed) {
        if (vcpus > allowed.size()) {
            throw VirtException.of(ErrorCode.VCPU_COUNT, ErrorDomain.LXC,
                    "container wants %d vCPUs but only %d host CPUs are allowed", vcpus, allowed.size());
        }
    }

    /** The CFS period: {@code <cputune><period>} or 100000 µs. */
    public static long period(DomainDef def) {
        return def.cputune().period().orElse(DEFAULT_PERIOD_US);
    }

    /**
     * The container-wide CFS quota for N current vCPUs: {@code <cputune><quota>} when given
     * (-1 = unlimited), else N × period.
     */
    public static long quota(DomainDef def, int vcpus) {
        if (def.cputune().quota().isPresent()) {
            return def.cputune().quota().getAsLong();
        }
        return Math.multiplyExact((long) vcpus, period(def));
    }

    /** Whether the quota follows the vCPU count (no explicit {@code <cputune><quota>}). */
    public static boolean quotaFollowsVcpus(DomainDef def) {
        return def.cputune().quota().isEmpty();
    }

    /** The bandwidth of {@code def} with {@code vcpus} current vCPUs. */
    public static CpuBandwidth bandwidth(DomainDef def, int vcpus) {
        return new CpuBandwidth(period(def), quota(def, vcpus));
    }
}
