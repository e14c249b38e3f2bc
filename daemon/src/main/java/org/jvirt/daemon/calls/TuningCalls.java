package org.jvirt.daemon.calls;

import static org.jvirt.daemon.rpc.CallTable.Kind.READ;
import static org.jvirt.daemon.rpc.CallTable.Kind.WRITE;
import static org.jvirt.protocol.remote.RemoteProgram.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jvirt.Autostart;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.daemon.rpc.CallTable;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.DomainCapabilitiesQuery;
import org.jvirt.host.NodeCpuStats;
import org.jvirt.host.NodeMemoryStats;
import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;
import org.jvirt.protocol.remote.TuningMessages;
import org.jvirt.protocol.remote.TypedParam;
import org.jvirt.protocol.remote.TypedParams;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.PerCpuTime;
import org.jvirt.stats.StatsField;
import org.jvirt.stats.StatsGroup;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.NumaParameters;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Scheduler and NUMA parameters, I/O threads at run time, autostart, domain statistics and the
 * host views, as libvirt's daemon serves them: parameters as typed parameters, the "how many?"
 * questions ({@code nparams} 0) answered with the count.
 */
public final class TuningCalls {
    private static final int AFFECT = Wire.AFFECT_LIVE | Wire.AFFECT_CONFIG;
    /** VIR_TYPED_PARAM_STRING_OKAY: the client takes string parameters (virsh always says so). */
    private static final int STRING_OKAY = 4;
    /** virConnectGetAllDomainStats's list flags and its own. */
    private static final int LIST_FLAGS = 0xff;
    private static final int ENFORCE = 1 << 31;
    private static final int STATS_FLAGS = LIST_FLAGS | ENFORCE | 1 << 30 | 1 << 29;

    private TuningCalls() {
    }

    public static void register(CallTable t) {
        registerTuning(t);
        registerStats(t);
        registerHost(t);
    }

    private static void registerTuning(CallTable t) {
        t.add(DOMAIN_GET_SCHEDULER_TYPE, READ, (c, d) -> {
            Domain dom = c.domain(d);
            return new TuningMessages.SchedulerTypeResult(dom.schedulerType(),
                    dom.schedulerParameters(org.jvirt.Affect.CURRENT).values().size());
        });
        t.add(DOMAIN_GET_SCHEDULER_PARAMETERS, READ, (c, a) -> new TuningMessages.Params(
                params(c.domain(a.dom()).schedulerParameters(org.jvirt.Affect.CURRENT), a.nparams())));
        t.add(DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT | STRING_OKAY, "virDomainGetSchedulerParametersFlags");
            return new TuningMessages.Params(params(c.domain(a.dom()).schedulerParameters(Wire.affect(a.flags() & AFFECT)),
                    a.nparams()));
        });
        t.add(DOMAIN_SET_SCHEDULER_PARAMETERS, WRITE, (c, a) -> {
            c.domain(a.dom()).setSchedulerParameters(scheduler(a.params()), org.jvirt.Affect.CURRENT);
            return null;
        });
        t.add(DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainSetSchedulerParametersFlags");
            c.domain(a.dom()).setSchedulerParameters(scheduler(a.params()), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_GET_NUMA_PARAMETERS, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT | STRING_OKAY, "virDomainGetNumaParameters");
            if (a.nparams() == 0) {
                return new TuningMessages.ParamsCountResult(List.of(), 2);
            }
            NumaParameters p = c.domain(a.dom()).numaParameters(Wire.affect(a.flags() & AFFECT));
            List<TypedParam> out = List.of(TypedParams.integer("numa_mode", p.mode().ordinal()),
                    TypedParams.string("numa_nodeset", p.nodeset().isEmpty() ? "" : p.nodeset().format()));
            return new TuningMessages.ParamsCountResult(out.subList(0, Math.min(out.size(), a.nparams())), 2);
        });
        t.add(DOMAIN_SET_NUMA_PARAMETERS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainSetNumaParameters");
            c.domain(a.dom()).setNumaParameters(numa(a.params()), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_ADD_IOTHREAD, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainAddIOThread");
            c.domain(a.dom()).addIothread(a.iothreadId(), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_DEL_IOTHREAD, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainDelIOThread");
            c.domain(a.dom()).deleteIothread(a.iothreadId(), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_SET_IOTHREAD_PARAMS, WRITE, (c, a) -> {
            Wire.checkFlags(a.flags(), AFFECT, "virDomainSetIOThreadParams");
            c.domain(a.dom()).setIothreadParameters(a.iothreadId(), iothread(a.params()), Wire.affect(a.flags()));
            return null;
        });
        t.add(DOMAIN_SET_AUTOSTART, WRITE, (c, a) -> {
            c.domain(a.dom()).setAutostart(Autostart.of(a.autostart() != 0));
            return null;
        });
    }

    /** libvirt's autostart answer for {@code d}: 1 when marked. */
    public static int autostart(Domain d) {
        return d.autostart().enabled() ? 1 : 0;
    }

    private static List<TypedParam> params(SchedulerParameters values, int room) {
        List<TypedParam> out = new ArrayList<>();
        for (Map.Entry<SchedulerParameter, Long> e : values.values().entrySet()) {
            if (out.size() < room) {
                String f = e.getKey().field();
                out.add(e.getKey().signed() ? TypedParams.llong(f, e.getValue()) : TypedParams.ullong(f, e.getValue()));
            }
        }
        return out;
    }

    private static VirtException badParam(String field, String call) {
        return VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                "argument unsupported: parameter '%s' not supported by %s", field, call);
    }

    private static SchedulerParameters scheduler(List<TypedParam> params) {
        SchedulerParameters out = SchedulerParameters.NONE;
        for (TypedParam p : params) {
            SchedulerParameter sp = SchedulerParameter.ofField(p.field())
                    .orElseThrow(() -> badParam(p.field(), "virDomainSetSchedulerParameters"));
            out = out.with(sp, TypedParams.number(p));
        }
        return out;
    }

    private static NumaChange numa(List<TypedParam> params) {
        Optional<NumaMode> mode = Optional.empty();
        Optional<CpuSet> nodes = Optional.empty();
        for (TypedParam p : params) {
            switch (p.field()) {
                case "numa_mode" -> {
                    long m = TypedParams.number(p);
                    if (m < 0 || m >= NumaMode.values().length) {
                        throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                                "unsupported numatune mode: '%d'", m);
                    }
                    mode = Optional.of(NumaMode.values()[(int) m]);
                }
                case "numa_nodeset" -> nodes = Optional.of(CpuSet.parse(TypedParams.text(p), "numa_nodeset"));
                default -> throw badParam(p.field(), "virDomainSetNumaParameters");
            }
        }
        return new NumaChange(mode, nodes);
    }

    private static IothreadParameters iothread(List<TypedParam> params) {
        IothreadParameters out = IothreadParameters.NONE;
        for (TypedParam p : params) {
            long v = TypedParams.number(p);
            out = switch (p.field()) {
                case "poll_max_ns" -> out.withPollMaxNs(v);
                case "poll_grow" -> out.withPollGrow(v);
                case "poll_shrink" -> out.withPollShrink(v);
                case "thread_pool_min" -> out.withThreadPoolMin((int) v);
                case "thread_pool_max" -> out.withThreadPoolMax((int) v);
                default -> throw badParam(p.field(), "virDomainSetIOThreadParams");
            };
        }
        return out;
    }

    private static void registerStats(CallTable t) {
        t.add(DOMAIN_GET_CPU_STATS, READ, (c, a) -> cpuStats(c.domain(a.dom()), a));
        t.add(CONNECT_GET_ALL_DOMAIN_STATS, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), STATS_FLAGS, "virConnectGetAllDomainStats");
            Set<StatsGroup> groups = EnumSet.noneOf(StatsGroup.class);
            int known = 0;
            for (StatsGroup g : StatsGroup.values()) {
                known |= g.bit();
                if (a.stats() == 0 || (a.stats() & g.bit()) != 0) {
                    groups.add(g);
                }
            }
            if ((a.flags() & ENFORCE) != 0 && (a.stats() & ~known) != 0) {
                throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.DOMAIN_CONF,
                        "Stats types bits 0x%x are not supported by this daemon", a.stats() & ~known);
            }
            List<Domain> doms = new ArrayList<>();
            if (a.doms().isEmpty()) {
                for (Domain d : c.conn().listDomains()) {
                    if (listed(d, a.flags())) {
                        doms.add(d);
                    }
                }
            } else {
                a.doms().forEach(r -> doms.add(c.domain(r)));
            }
            List<TuningMessages.DomainStatsRecord> out = new ArrayList<>();
            for (DomainStats s : c.conn().domainStats(doms, groups)) {
                out.add(new TuningMessages.DomainStatsRecord(Wire.ref(c.conn().lookupByUuid(s.uuid())), typed(s)));
            }
            return new TuningMessages.AllDomainStatsResult(out);
        });
    }

    private static boolean listed(Domain d, int f) {
        boolean active = d.isActive();
        boolean persistent = d.isPersistent();
        if ((f & 1) != 0 && !active || (f & 2) != 0 && active || (f & 4) != 0 && !persistent
                || (f & 8) != 0 && persistent) {
            return false;
        }
        if ((f & 0xf0) == 0) {
            return true;
        }
        DomainState s = d.state().state();
        return (f & 16) != 0 && s == DomainState.RUNNING || (f & 32) != 0 && s == DomainState.PAUSED
                || (f & 64) != 0 && s == DomainState.SHUTOFF
                || (f & 128) != 0 && s != DomainState.RUNNING && s != DomainState.PAUSED && s != DomainState.SHUTOFF;
    }

    private static List<TypedParam> typed(DomainStats s) {
        List<TypedParam> out = new ArrayList<>();
        for (StatsField f : s.fields()) {
            out.add(switch (f.type()) {
                case INT -> TypedParams.integer(f.name(), (int) f.value());
                case UINT -> TypedParams.uint(f.name(), (int) f.value());
                case LLONG -> TypedParams.llong(f.name(), f.value());
                case ULLONG -> TypedParams.ullong(f.name(), f.value());
            });
        }
        return out;
    }

    /**
     * As libvirt answers: {@code nparams} 0 and {@code ncpus} 0: how many CPUs; {@code nparams} 0:
     * how many parameters per CPU (or in the total with {@code startCpu} -1); else the values,
     * {@code nparams} per CPU.
     */
    private static TuningMessages.CpuStatsResult cpuStats(Domain d, TuningMessages.CpuStatsArgs a) {
        Wire.checkFlags(a.flags(), STRING_OKAY, "virDomainGetCPUStats");
        CpuStats s = d.cpuStats();
        if (a.startCpu() == -1) {
            if (a.nparams() == 0) {
                return new TuningMessages.CpuStatsResult(List.of(), 3);
            }
            List<TypedParam> total = List.of(TypedParams.ullong("cpu_time", s.total().totalNs()),
                    TypedParams.ullong("user_time", s.total().userNs()),
                    TypedParams.ullong("system_time", s.total().systemNs()));
            return new TuningMessages.CpuStatsResult(total.subList(0, Math.min(3, a.nparams())), Math.min(3, a.nparams()));
        }
        int cpus = s.perCpu().size();
        boolean vcpus = s.perCpu().stream().anyMatch(p -> p.vcpuTimeNs().isPresent());
        int per = vcpus ? 2 : 1;
        if (a.nparams() == 0) {
            return new TuningMessages.CpuStatsResult(List.of(), a.ncpus() == 0 ? cpus : per);
        }
        if (a.startCpu() < 0 || a.startCpu() >= cpus) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                    "start_cpu %d larger than maximum of %d", a.startCpu(), cpus - 1);
        }
        int n = Math.min(per, a.nparams());
        List<TypedParam> out = new ArrayList<>();
        for (PerCpuTime p : s.perCpu().subList(a.startCpu(), Math.min(cpus, a.startCpu() + a.ncpus()))) {
            out.add(TypedParams.ullong("cpu_time", p.cpuTimeNs()));
            if (n > 1) {
                out.add(TypedParams.ullong("vcpu_time", p.vcpuTimeNs().orElse(0)));
            }
        }
        return new TuningMessages.CpuStatsResult(out, n);
    }

    private static void registerHost(CallTable t) {
        t.add(NODE_GET_FREE_MEMORY, READ, (c, a) -> c.conn().freeMemory());
        t.add(NODE_GET_CELLS_FREE_MEMORY, READ, (c, a) -> {
            List<Long> cells = c.conn().cellsFreeMemory();
            if (a.startCell() < 0 || a.startCell() >= cells.size()) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN_CONF,
                        "start cell %d out of range (0-%d)", a.startCell(), cells.size() - 1);
            }
            int end = (int) Math.min(cells.size(), (long) a.startCell() + Math.max(0, a.maxcells()));
            return new TuningMessages.CellsFreeMemoryResult(cells.subList(a.startCell(), end));
        });
        t.add(NODE_GET_CPU_STATS, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), STRING_OKAY, "virNodeGetCPUStats");
            if (a.nparams() == 0) {
                return new TuningMessages.NodeStatsResult(List.of(), 4);
            }
            NodeCpuStats s = c.conn().nodeCpuStats(a.cpuNum() < 0 ? OptionalInt.empty() : OptionalInt.of(a.cpuNum()));
            List<TuningMessages.NodeStat> out = List.of(new TuningMessages.NodeStat("kernel", s.kernelNs()),
                    new TuningMessages.NodeStat("user", s.userNs()), new TuningMessages.NodeStat("idle", s.idleNs()),
                    new TuningMessages.NodeStat("iowait", s.iowaitNs()));
            return new TuningMessages.NodeStatsResult(out.subList(0, Math.min(4, a.nparams())), 4);
        });
        t.add(NODE_GET_MEMORY_STATS, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), STRING_OKAY, "virNodeGetMemoryStats");
            NodeMemoryStats s = c.conn().nodeMemoryStats(a.cellNum() < 0 ? OptionalInt.empty()
                    : OptionalInt.of(a.cellNum()));
            List<TuningMessages.NodeStat> out = new ArrayList<>(List.of(new TuningMessages.NodeStat("total",
                    s.totalKiB()), new TuningMessages.NodeStat("free", s.freeKiB())));
            s.buffersKiB().ifPresent(v -> out.add(new TuningMessages.NodeStat("buffers", v)));
            s.cachedKiB().ifPresent(v -> out.add(new TuningMessages.NodeStat("cached", v)));
            if (a.nparams() == 0) {
                return new TuningMessages.NodeStatsResult(List.of(), out.size());
            }
            return new TuningMessages.NodeStatsResult(out.subList(0, Math.min(out.size(), a.nparams())), out.size());
        });
        t.add(CONNECT_GET_DOMAIN_CAPABILITIES, READ, (c, a) -> {
            Wire.checkFlags(a.flags(), 0, "virConnectGetDomainCapabilities");
            return c.conn().domainCapabilities(new DomainCapabilitiesQuery(a.emulatorbin(), a.arch(), a.machine(),
                    a.virttype()));
        });
    }
}
