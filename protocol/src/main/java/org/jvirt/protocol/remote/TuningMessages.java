package org.jvirt.protocol.remote;

import java.util.List;
import java.util.Optional;

import org.jvirt.protocol.Limits;
import org.jvirt.protocol.xdr.Max;

/**
 * The bodies of the REMOTE program's tuning, statistics and host-view procedures (scheduler
 * parameters, NUMA parameters, I/O threads at run time, autostart, CPU statistics, domain
 * statistics, free memory, node CPU and memory statistics, domain capabilities). Field order is
 * the wire order, observed on libvirt 9.0; each list is bounded by libvirt's limit for it.
 */
public final class TuningMessages {
    /** REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX and REMOTE_DOMAIN_NUMA_PARAMETERS_MAX. */
    public static final int MAX_PARAMS = 16;
    /** REMOTE_DOMAIN_GET_CPU_STATS_MAX. */
    public static final int MAX_CPU_STATS = 2048;
    /** REMOTE_NODE_CPU_STATS_MAX and REMOTE_NODE_MEMORY_STATS_MAX. */
    public static final int MAX_NODE_STATS = 16;
    /** REMOTE_NODE_MAX_CELLS. */
    public static final int MAX_CELLS = 1024;
    /** REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX. */
    public static final int MAX_DOMAIN_STATS = 262144;
    /** REMOTE_DOMAIN_IOTHREAD_PARAMS_MAX. */
    public static final int MAX_IOTHREAD_PARAMS = 64;

    private TuningMessages() {
    }

    public record SchedulerTypeResult(String type, int nparams) {
    }

    /** GET_SCHEDULER_PARAMETERS: {@code nparams} is how many the caller has room for. */
    public record SchedulerParametersArgs(DomainRef dom, int nparams) {
    }

    public record SchedulerParametersFlagsArgs(DomainRef dom, int nparams, int flags) {
    }

    public record Params(@Max(MAX_PARAMS) List<TypedParam> params) {
    }

    public record SetParamsArgs(DomainRef dom, @Max(MAX_PARAMS) List<TypedParam> params) {
    }

    public record SetParamsFlagsArgs(DomainRef dom, @Max(MAX_PARAMS) List<TypedParam> params, int flags) {
    }

    /** GET_NUMA_PARAMETERS: with {@code nparams} 0 the reply says how many there are. */
    public record ParamsCountArgs(DomainRef dom, int nparams, int flags) {
    }

    public record ParamsCountResult(@Max(MAX_PARAMS) List<TypedParam> params, int nparams) {
    }

    /**
     * GET_CPU_STATS: {@code startCpu} -1 asks for the total; {@code nparams} 0 asks how many
     * parameters (and with {@code ncpus} 0 too: how many CPUs) there are.
     */
    public record CpuStatsArgs(DomainRef dom, int nparams, int startCpu, int ncpus, int flags) {
    }

    /** {@code nparams} parameters per CPU, for each CPU asked, one CPU after the other. */
    public record CpuStatsResult(@Max(MAX_CPU_STATS) List<TypedParam> params, int nparams) {
    }

    public record SetAutostartArgs(DomainRef dom, int autostart) {
    }

    public record IothreadArgs(DomainRef dom, int iothreadId, int flags) {
    }

    public record IothreadParamsArgs(DomainRef dom, int iothreadId,
                                     @Max(MAX_IOTHREAD_PARAMS) List<TypedParam> params, int flags) {
    }

    public record AllDomainStatsArgs(@Max(Limits.MAX_DOMAIN_LIST) List<DomainRef> doms, int stats, int flags) {
    }

    public record DomainStatsRecord(DomainRef dom, @Max(MAX_DOMAIN_STATS) List<TypedParam> params) {
    }

    public record AllDomainStatsResult(@Max(Limits.MAX_DOMAIN_LIST) List<DomainStatsRecord> retStats) {
    }

    public record CellsFreeMemoryArgs(int startCell, int maxcells) {
    }

    public record CellsFreeMemoryResult(@Max(MAX_CELLS) List<Long> cells) {
    }

    /** One named value of the node statistics. */
    public record NodeStat(String field, long value) {
    }

    public record NodeCpuStatsArgs(int cpuNum, int nparams, int flags) {
    }

    public record NodeMemoryStatsArgs(int nparams, int cellNum, int flags) {
    }

    public record NodeStatsResult(@Max(MAX_NODE_STATS) List<NodeStat> params, int nparams) {
    }

    public record DomainCapabilitiesArgs(Optional<String> emulatorbin, Optional<String> arch, Optional<String> machine,
                                         Optional<String> virttype, int flags) {
    }
}
