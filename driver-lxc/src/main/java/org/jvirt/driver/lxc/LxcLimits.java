package org.jvirt.driver.lxc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.MemTune;

/**
 * Everything written into a container's cgroup before its init exists (docs/lxc.md#cgroup,
 * docs/lxc.md#vcpus-of-a-container), as
 * plain values: the cgroup backend decides the file names.
 *
 * @param cpus          {@code cpuset.cpus}: the allowed CPUs E
 * @param mems          {@code cpuset.mems}; empty = copy the parent's
 * @param bandwidth     CFS period and container-wide quota
 * @param shares        {@code cpu.shares} (v2: cpu.weight, converted by the backend)
 * @param memoryBytes   hard limit: {@code <memtune><hard_limit>}, else {@code <memory>}
 * @param softBytes     {@code <memtune><soft_limit>}
 * @param swapBytes     {@code <memtune><swap_hard_limit>} (memory + swap, as in v1)
 * @param devices       the device allow-list (v1 {@code devices.allow}); everything else is denied
 */
public record LxcLimits(CpuSet cpus, Optional<CpuSet> mems, CpuBandwidth bandwidth,
                              OptionalLong shares, long memoryBytes, OptionalLong softBytes,
                              OptionalLong swapBytes, List<String> devices) {
    /**
     * The devices every container may use: null, zero, full, random, urandom, tty, ptmx,
     * fuse and every pty (major 136), as libvirt allows them.
     */
    public static final List<String> DEVICE_ALLOW = List.of(
            "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
            "c 5:0 rwm", "c 5:2 rwm", "c 10:229 rwm", "c 136:* rwm");

    public LxcLimits {
        Objects.requireNonNull(cpus, "cpus");
        Objects.requireNonNull(mems, "mems");
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(softBytes, "softBytes");
        Objects.requireNonNull(swapBytes, "swapBytes");
        devices = List.copyOf(devices);
    }

    /**
     * The limits of {@code def} started with {@code vcpus} current vCPUs on the allowed CPUs
     * {@code allowed}; checks the B1 bound (VCPU_COUNT).
     */
    public static LxcLimits of(DomainDef def, int vcpus, CpuSet allowed, HostTopology host,
                                     Optional<NumadAdvice> numad) {
        LxcCpu.checkBound(vcpus, allowed);
        MemTune tune = def.memtune().orElse(MemTune.EMPTY);
        long hard = tune.hardLimitKiB().orElse(def.memory().memoryKiB());
        return new LxcLimits(allowed, LxcCpu.memoryNodes(def, host, numad),
                LxcCpu.bandwidth(def, vcpus), def.cputune().shares(), Math.multiplyExact(hard, 1024L),
                bytes(tune.softLimitKiB()), bytes(tune.swapHardLimitKiB()), DEVICE_ALLOW);
    }

    private static OptionalLong bytes(OptionalLong kib) {
        return kib.isPresent() ? OptionalLong.of(Math.multiplyExact(kib.getAsLong(), 1024L)) : OptionalLong.empty();
    }

    /** The same limits with another CPU bandwidth (a live vCPU change). */
    public LxcLimits withBandwidth(CpuBandwidth value) {
        return new LxcLimits(cpus, mems, value, shares, memoryBytes, softBytes, swapBytes, devices);
    }
}
