package org.jvirt.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jvirt.driver.DomainStatistics;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.DomainDef;
import org.jvirt.spi.StatsOps;
import org.jvirt.stats.BalloonStats;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.StatsGroup;
import org.jvirt.stats.VcpuStat;
import org.jvirt.stats.VcpuState;
import org.jvirt.stats.VcpuStats;

/**
 * Statistics for any driver built on {@link ManagedDriver}: what the kernel tells comes from the
 * driver's {@link DomainStatistics}; what a definition tells (vCPU counts, memory sizes of a
 * stopped domain) from core. A running domain's driver without statistics is NO_SUPPORT.
 */
public final class ManagedStats<R> implements StatsOps {
    private final ManagedDriver<R> d;
    private final Optional<DomainStatistics<R>> statistics;

    public ManagedStats(ManagedDriver<R> driver) {
        this.d = driver;
        this.statistics = driver.hypervisor().tuning().statistics();
    }

    private DomainStatistics<R> statistics(String what) {
        return statistics.orElseThrow(() -> d.noSupport(what));
    }

    @Override
    public CpuStats cpuStats(UUID uuid) {
        DomainObject<Active<R>> o = d.domains().require(uuid);
        return o.job(() -> {
            if (!o.isActive()) {
                throw d.error(ErrorCode.OPERATION_INVALID, "domain '%s' is not running", o.name());
            }
            return statistics("cpu-stats").cpuStats(d.active(o).runtime(), o.live().orElseThrow());
        });
    }

    @Override
    public List<DomainStats> stats(List<UUID> uuids, Set<StatsGroup> groups) {
        List<DomainStats> out = new ArrayList<>();
        for (UUID uuid : uuids) {
            DomainObject<Active<R>> o = d.domains().require(uuid);
            out.add(o.job(() -> record(o, groups)));
        }
        return out;
    }

    private DomainStats record(DomainObject<Active<R>> o, Set<StatsGroup> groups) {
        boolean active = o.isActive();
        DomainDef def = active ? o.live().orElseThrow() : o.persistent().orElseThrow();
        Optional<CpuTime> cpu = Optional.empty();
        Optional<BalloonStats> balloon = Optional.empty();
        Optional<VcpuStats> vcpu = Optional.empty();
        if (groups.contains(StatsGroup.CPU_TOTAL) && active) {
            cpu = Optional.of(statistics("domstats --cpu-total").cpuTime(d.active(o).runtime()));
        }
        if (groups.contains(StatsGroup.BALLOON)) {
            balloon = Optional.of(active ? statistics("domstats --balloon").balloon(d.active(o).runtime(), def)
                    : new BalloonStats(def.memory().currentKiB(), def.memory().memoryKiB(), OptionalLong.empty()));
        }
        if (groups.contains(StatsGroup.VCPU)) {
            List<VcpuStat> each = active ? statistics("domstats --vcpu").vcpuStats(d.active(o).runtime(), def)
                    : List.of();
            vcpu = Optional.of(new VcpuStats(def.vcpu().current(), def.vcpu().max(), each));
        }
        return new DomainStats(o.name(), o.uuid(),
                groups.contains(StatsGroup.STATE) ? Optional.of(o.state()) : Optional.empty(), cpu, balloon, vcpu);
    }

    /** An offline vCPU's record. */
    public static VcpuStat offline(int vcpu) {
        return new VcpuStat(vcpu, VcpuState.OFFLINE, 0, 0, 0);
    }
}
