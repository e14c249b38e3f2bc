package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jvirt.Affect;
import org.jvirt.Autostart;
import org.jvirt.driver.remote.rpc.RpcClient;
import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;
import org.jvirt.protocol.remote.DomainRef;
import org.jvirt.protocol.remote.RemoteProgram;
import org.jvirt.protocol.remote.TuningMessages;
import org.jvirt.protocol.remote.TypedParam;
import org.jvirt.protocol.remote.TypedParams;
import org.jvirt.spi.TuningOps;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.NumaParameters;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Scheduler and NUMA parameters, I/O threads and autostart over the wire, in the calls virsh
 * makes: parameters travel as libvirt's typed parameters ({@code cpu_shares}, {@code vcpu_quota},
 * {@code numa_mode}, {@code numa_nodeset}, {@code poll_max_ns}, ...).
 */
final class RemoteTuning implements TuningOps {
    static final int LIVE = 1;
    static final int CONFIG = 2;

    private final RpcClient rpc;
    private final DomainRefs refs;

    RemoteTuning(RpcClient rpc, DomainRefs refs) {
        this.rpc = rpc;
        this.refs = refs;
    }

    static int flags(Affect a) {
        return (a.live() ? LIVE : 0) | (a.config() ? CONFIG : 0);
    }

    @Override
    public String schedulerType(UUID uuid) {
        return rpc.call(RemoteProgram.DOMAIN_GET_SCHEDULER_TYPE, refs.get(uuid)).type();
    }

    @Override
    public SchedulerParameters schedulerParameters(UUID uuid, Affect affect) {
        DomainRef d = refs.get(uuid);
        int n = rpc.call(RemoteProgram.DOMAIN_GET_SCHEDULER_TYPE, d).nparams();
        List<TypedParam> params = rpc.call(RemoteProgram.DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
                new TuningMessages.SchedulerParametersFlagsArgs(d, n, flags(affect))).params();
        SchedulerParameters out = SchedulerParameters.NONE;
        for (TypedParam p : params) {
            Optional<SchedulerParameter> sp = SchedulerParameter.ofField(p.field());
            if (sp.isPresent()) {
                out = out.with(sp.get(), TypedParams.number(p));
            }
        }
        return out;
    }

    /** Shares and periods as unsigned long longs, quotas as signed ones, as libvirt types them. */
    static List<TypedParam> params(SchedulerParameters values) {
        List<TypedParam> out = new ArrayList<>();
        for (Map.Entry<SchedulerParameter, Long> e : values.values().entrySet()) {
            String f = e.getKey().field();
            out.add(e.getKey().signed() ? TypedParams.llong(f, e.getValue()) : TypedParams.ullong(f, e.getValue()));
        }
        return out;
    }

    @Override
    public void setSchedulerParameters(UUID uuid, SchedulerParameters change, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS,
                new TuningMessages.SetParamsFlagsArgs(refs.get(uuid), params(change), flags(affect)));
    }

    @Override
    public NumaParameters numaParameters(UUID uuid, Affect affect) {
        DomainRef d = refs.get(uuid);
        int n = rpc.call(RemoteProgram.DOMAIN_GET_NUMA_PARAMETERS, new TuningMessages.ParamsCountArgs(d, 0,
                flags(affect))).nparams();
        List<TypedParam> params = rpc.call(RemoteProgram.DOMAIN_GET_NUMA_PARAMETERS,
                new TuningMessages.ParamsCountArgs(d, n, flags(affect))).params();
        NumaMode mode = TypedParams.find(params, "numa_mode").map(p -> NumaMode.values()[(int) TypedParams.number(p)])
                .orElse(NumaMode.STRICT);
        String nodes = TypedParams.find(params, "numa_nodeset").map(TypedParams::text).orElse("");
        return new NumaParameters(mode, nodes.isEmpty() ? CpuSet.EMPTY : CpuSet.parse(nodes, "numa_nodeset"));
    }

    @Override
    public void setNumaParameters(UUID uuid, NumaChange change, Affect affect) {
        List<TypedParam> params = new ArrayList<>();
        change.mode().ifPresent(m -> params.add(TypedParams.integer("numa_mode", m.ordinal())));
        change.nodeset().ifPresent(n -> params.add(TypedParams.string("numa_nodeset", n.format())));
        rpc.call(RemoteProgram.DOMAIN_SET_NUMA_PARAMETERS,
                new TuningMessages.SetParamsFlagsArgs(refs.get(uuid), params, flags(affect)));
    }

    @Override
    public void addIothread(UUID uuid, int id, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_ADD_IOTHREAD, new TuningMessages.IothreadArgs(refs.get(uuid), id, flags(affect)));
    }

    @Override
    public void deleteIothread(UUID uuid, int id, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_DEL_IOTHREAD, new TuningMessages.IothreadArgs(refs.get(uuid), id, flags(affect)));
    }

    /** libvirt's names and types: poll_max_ns an unsigned long long, the others (unsigned) ints. */
    static List<TypedParam> params(IothreadParameters p) {
        List<TypedParam> out = new ArrayList<>();
        p.pollMaxNs().ifPresent(v -> out.add(TypedParams.ullong("poll_max_ns", v)));
        p.pollGrow().ifPresent(v -> out.add(TypedParams.uint("poll_grow", (int) v)));
        p.pollShrink().ifPresent(v -> out.add(TypedParams.uint("poll_shrink", (int) v)));
        p.threadPoolMin().ifPresent(v -> out.add(TypedParams.integer("thread_pool_min", v)));
        p.threadPoolMax().ifPresent(v -> out.add(TypedParams.integer("thread_pool_max", v)));
        return out;
    }

    @Override
    public void setIothreadParameters(UUID uuid, int id, IothreadParameters parameters, Affect affect) {
        rpc.call(RemoteProgram.DOMAIN_SET_IOTHREAD_PARAMS,
                new TuningMessages.IothreadParamsArgs(refs.get(uuid), id, params(parameters), flags(affect)));
    }

    @Override
    public Autostart autostart(UUID uuid) {
        return Autostart.of(rpc.call(RemoteProgram.DOMAIN_GET_AUTOSTART, refs.get(uuid)) != 0);
    }

    @Override
    public void setAutostart(UUID uuid, Autostart autostart) {
        rpc.call(RemoteProgram.DOMAIN_SET_AUTOSTART,
                new TuningMessages.SetAutostartArgs(refs.get(uuid), autostart.enabled() ? 1 : 0));
    }
}
