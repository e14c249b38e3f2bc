package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.remote.TuningMessages;
import org.jvirt.protocol.remote.TypedParam;
import org.jvirt.protocol.remote.TypedParams;
import org.jvirt.spi.StatsOps;
import org.jvirt.stats.BalloonStats;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.CpuTime;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.StatsGroup;
import org.jvirt.stats.VcpuStat;
import org.jvirt.stats.VcpuState;
import org.jvirt.stats.VcpuStats;

/**
 * Domain statistics over the wire: {@code DOMAIN_GET_CPU_STATS} asked as virsh asks it (how many
 * CPUs, how many parameters per CPU, then the values in chunks of at most 128 CPUs, then the
 * total) and {@code CONNECT_GET_ALL_DOMAIN_STATS} with the domains named, its typed parameters
 * read back into records.
 */
final class RemoteStats implements StatsOps {
    /** REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX. */
    private static final int NCPUS_MAX = 128;

    private final RpcClient rpc;
    private final DomainRefs refs;

    RemoteStats(RpcClient rpc, DomainRefs refs) {
        this.rpc = rpc;
        this.refs = refs;
    }

    private TuningMessages.CpuStatsResult cpuStats(DomainRef d, int nparams, int start, int ncpus) {
        return rpc.call(RemoteProgram.DOMAIN_GET_CPU_STATS, new TuningMessages.CpuStatsArgs(d, nparams, start, ncpus, 0));
    }

    @Override
    public CpuStats cpuStats(UUID uuid) {
        DomainRef d = refs.get(uuid);
        int cpus = cpuStats(d, 0, 0, 0).nparams();
        int per = cpuStats(d, 0, 0, 1).nparams();
        List<PerCpuTime> out = new ArrayList<>();
        for (int start = 0; start < cpus; start += NCPUS_MAX) {
            int n = Math.min(NCPUS_MAX, cpus - start);
            TuningMessages.CpuStatsResult r = cpuStats(d, per, start, n);
            int stride = r.nparams();
            for (int i = 0; i < n; i++) {
                List<TypedParam> one = stride == 0 ? List.of()
                        : r.params().subList(Math.min(i * stride, r.params().size()),
                                Math.min((i + 1) * stride, r.params().size()));
                out.add(new PerCpuTime(start + i, TypedParams.find(one, "cpu_time").map(TypedParams::number).orElse(0L),
                        TypedParams.find(one, "vcpu_time").map(p -> OptionalLong.of(TypedParams.number(p)))
                                .orElse(OptionalLong.empty())));
            }
        }
        int totals = cpuStats(d, 0, -1, 1).nparams();
        List<TypedParam> t = cpuStats(d, totals, -1, 1).params();
        return new CpuStats(out, new CpuTime(value(t, "cpu_time"), value(t, "user_time"), value(t, "system_time")));
    }

    private static long value(List<TypedParam> params, String field) {
        return TypedParams.find(params, field).map(TypedParams::number).orElse(0L);
    }

    @Override
    public List<DomainStats> stats(List<UUID> uuids, Set<StatsGroup> groups) {
        List<DomainRef> doms = uuids.stream().map(refs::get).toList();
        int bits = groups.stream().mapToInt(StatsGroup::bit).reduce(0, (a, b) -> a | b);
        List<DomainStats> out = new ArrayList<>();
        for (TuningMessages.DomainStatsRecord r : rpc.call(RemoteProgram.CONNECT_GET_ALL_DOMAIN_STATS,
                new TuningMessages.AllDomainStatsArgs(doms, bits, 0)).retStats()) {
            out.add(record(r));
        }
        return out;
    }

    /** A record's typed parameters as {@link DomainStats}; fields jvirt has no place for are left out. */
    static DomainStats record(TuningMessages.DomainStatsRecord r) {
        Map<String, Long> v = new HashMap<>();
        for (TypedParam p : r.params()) {
            if (!(p.value() instanceof TypedParam.StringValue) && !(p.value() instanceof TypedParam.DoubleValue)) {
                v.put(p.field(), TypedParams.number(p));
            }
        }
        Optional<org.jvirt.StateInfo> state = v.containsKey("state.state")
                ? Optional.of(States.of(v.get("state.state").intValue(), v.getOrDefault("state.reason", 0L).intValue()))
                : Optional.empty();
        Optional<CpuTime> cpu = v.containsKey("cpu.time") ? Optional.of(new CpuTime(v.get("cpu.time"),
                v.getOrDefault("cpu.user", 0L), v.getOrDefault("cpu.system", 0L))) : Optional.empty();
        Optional<BalloonStats> balloon = v.containsKey("balloon.current") ? Optional.of(new BalloonStats(
                v.get("balloon.current"), v.getOrDefault("balloon.maximum", 0L),
                v.containsKey("balloon.rss") ? OptionalLong.of(v.get("balloon.rss")) : OptionalLong.empty()))
                : Optional.empty();
        Optional<VcpuStats> vcpu = Optional.empty();
        if (v.containsKey("vcpu.current")) {
            int max = v.getOrDefault("vcpu.maximum", 0L).intValue();
            List<VcpuStat> each = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                String p = "vcpu." + i + ".";
                if (v.containsKey(p + "state")) {
                    int s = v.get(p + "state").intValue();
                    each.add(new VcpuStat(i, s == 1 ? VcpuState.RUNNING : s == 2 ? VcpuState.BLOCKED : VcpuState.OFFLINE,
                            v.getOrDefault(p + "time", 0L), v.getOrDefault(p + "wait", 0L),
                            v.getOrDefault(p + "delay", 0L)));
                }
            }
            vcpu = Optional.of(new VcpuStats(v.get("vcpu.current").intValue(), max, each));
        }
        return new DomainStats(r.dom().name(), r.dom().uuid(), state, cpu, balloon, vcpu);
    }
}
