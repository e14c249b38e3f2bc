package org.jvirt.protocol.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jvirt.protocol.Limits;
import org.jvirt.protocol.Procedure;
import org.jvirt.protocol.ProcedureTable;
import org.jvirt.protocol.Program;
import org.jvirt.protocol.remote.RemoteMessages.CpuMaps;
import org.jvirt.protocol.remote.RemoteMessages.DomainCount;
import org.jvirt.protocol.remote.RemoteMessages.DomainCountFlags;
import org.jvirt.protocol.remote.RemoteMessages.DomainFlags;
import org.jvirt.protocol.remote.RemoteMessages.DomainInfo;
import org.jvirt.protocol.remote.RemoteMessages.EmulatorPinInfoArgs;
import org.jvirt.protocol.remote.RemoteMessages.GetVcpusArgs;
import org.jvirt.protocol.remote.RemoteMessages.GetVcpusResult;
import org.jvirt.protocol.remote.RemoteMessages.IothreadInfoResult;
import org.jvirt.protocol.remote.RemoteMessages.LifecycleEvent;
import org.jvirt.protocol.remote.RemoteMessages.ListAllArgs;
import org.jvirt.protocol.remote.RemoteMessages.ListAllResult;
import org.jvirt.protocol.remote.RemoteMessages.NodeCpuMap;
import org.jvirt.protocol.remote.RemoteMessages.NodeCpuMapArgs;
import org.jvirt.protocol.remote.RemoteMessages.NodeInfo;
import org.jvirt.protocol.remote.RemoteMessages.OpenArgs;
import org.jvirt.protocol.remote.RemoteMessages.PinEmulatorArgs;
import org.jvirt.protocol.remote.RemoteMessages.PinIothreadArgs;
import org.jvirt.protocol.remote.RemoteMessages.PinVcpuArgs;
import org.jvirt.protocol.remote.RemoteMessages.PinVcpuFlagsArgs;
import org.jvirt.protocol.remote.RemoteMessages.RegisterAnyArgs;
import org.jvirt.protocol.remote.RemoteMessages.SaslResult;
import org.jvirt.protocol.remote.RemoteMessages.SaslStartArgs;
import org.jvirt.protocol.remote.RemoteMessages.SaslStepArgs;
import org.jvirt.protocol.remote.RemoteMessages.SecurityLabel;
import org.jvirt.protocol.remote.RemoteMessages.SecurityModel;
import org.jvirt.protocol.remote.RemoteMessages.SetVcpuArgs;
import org.jvirt.protocol.remote.RemoteMessages.StateResult;
import org.jvirt.protocol.remote.RemoteMessages.TunableEvent;
import org.jvirt.protocol.remote.RemoteMessages.VcpuPinInfoArgs;
import org.jvirt.protocol.remote.RemoteMessages.XmlFlags;
import org.jvirt.protocol.remote.RemoteMessages.XmlToNativeArgs;
import org.jvirt.protocol.xdr.RecordXdr;
import org.jvirt.protocol.xdr.Xdr;
import org.jvirt.protocol.xdr.XdrType;

/**
 * libvirt's REMOTE program (0x20008086 v1): every procedure jvirt uses, by number, with the types
 * of its call and reply bodies. Adding a procedure is one line here (plus a record in
 * {@link RemoteMessages} when its body is a struct). Numbers observed on libvirt 9.0.
 */
public final class RemoteProgram {
    public static final Program PROGRAM = new Program("REMOTE", 0x20008086, 1);

    private static final List<Procedure<?, ?>> ALL = new ArrayList<>();

    private static final XdrType<DomainRef> DOM = RecordXdr.of(DomainRef.class);
    private static final XdrType<Void> VOID = Xdr.VOID;
    private static final XdrType<Integer> INT = Xdr.INT;
    private static final XdrType<Long> HYPER = Xdr.HYPER;
    private static final XdrType<String> STRING = Xdr.STRING;

    public static final Procedure<OpenArgs, Void> CONNECT_OPEN = call(1, "CONNECT_OPEN", rec(OpenArgs.class), VOID);
    public static final Procedure<Void, Void> CONNECT_CLOSE = call(2, "CONNECT_CLOSE", VOID, VOID);
    public static final Procedure<Void, String> CONNECT_GET_TYPE = call(3, "CONNECT_GET_TYPE", VOID, STRING);
    public static final Procedure<Void, Long> CONNECT_GET_VERSION = call(4, "CONNECT_GET_VERSION", VOID, HYPER);
    public static final Procedure<Void, NodeInfo> NODE_GET_INFO = call(6, "NODE_GET_INFO", VOID, rec(NodeInfo.class));
    public static final Procedure<Void, String> CONNECT_GET_CAPABILITIES =
            call(7, "CONNECT_GET_CAPABILITIES", VOID, STRING);
    public static final Procedure<DomainRef, Void> DOMAIN_CREATE = call(9, "DOMAIN_CREATE", DOM, VOID);
    public static final Procedure<XmlFlags, DomainRef> DOMAIN_CREATE_XML =
            call(10, "DOMAIN_CREATE_XML", rec(XmlFlags.class), DOM);
    public static final Procedure<String, DomainRef> DOMAIN_DEFINE_XML = call(11, "DOMAIN_DEFINE_XML", STRING, DOM);
    public static final Procedure<DomainRef, Void> DOMAIN_DESTROY = call(12, "DOMAIN_DESTROY", DOM, VOID);
    public static final Procedure<DomainFlags, String> DOMAIN_GET_XML_DESC =
            call(14, "DOMAIN_GET_XML_DESC", rec(DomainFlags.class), STRING);
    public static final Procedure<DomainRef, DomainInfo> DOMAIN_GET_INFO =
            call(16, "DOMAIN_GET_INFO", DOM, rec(DomainInfo.class));
    public static final Procedure<DomainRef, Integer> DOMAIN_GET_MAX_VCPUS = call(18, "DOMAIN_GET_MAX_VCPUS", DOM, INT);
    public static final Procedure<GetVcpusArgs, GetVcpusResult> DOMAIN_GET_VCPUS =
            call(20, "DOMAIN_GET_VCPUS", rec(GetVcpusArgs.class), rec(GetVcpusResult.class));
    public static final Procedure<Integer, DomainRef> DOMAIN_LOOKUP_BY_ID = call(22, "DOMAIN_LOOKUP_BY_ID", INT, DOM);
    public static final Procedure<String, DomainRef> DOMAIN_LOOKUP_BY_NAME =
            call(23, "DOMAIN_LOOKUP_BY_NAME", STRING, DOM);
    public static final Procedure<UUID, DomainRef> DOMAIN_LOOKUP_BY_UUID =
            call(24, "DOMAIN_LOOKUP_BY_UUID", Xdr.UUID_TYPE, DOM);
    public static final Procedure<PinVcpuArgs, Void> DOMAIN_PIN_VCPU =
            call(26, "DOMAIN_PIN_VCPU", rec(PinVcpuArgs.class), VOID);
    public static final Procedure<DomainFlags, Void> DOMAIN_REBOOT =
            call(27, "DOMAIN_REBOOT", rec(DomainFlags.class), VOID);
    public static final Procedure<DomainRef, Void> DOMAIN_RESUME = call(28, "DOMAIN_RESUME", DOM, VOID);
    public static final Procedure<DomainCount, Void> DOMAIN_SET_VCPUS =
            call(32, "DOMAIN_SET_VCPUS", rec(DomainCount.class), VOID);
    public static final Procedure<DomainRef, Void> DOMAIN_SHUTDOWN = call(33, "DOMAIN_SHUTDOWN", DOM, VOID);
    public static final Procedure<DomainRef, Void> DOMAIN_SUSPEND = call(34, "DOMAIN_SUSPEND", DOM, VOID);
    public static final Procedure<DomainRef, Void> DOMAIN_UNDEFINE = call(35, "DOMAIN_UNDEFINE", DOM, VOID);
    public static final Procedure<Void, String> CONNECT_GET_HOSTNAME = call(59, "CONNECT_GET_HOSTNAME", VOID, STRING);
    public static final Procedure<Integer, Integer> CONNECT_SUPPORTS_FEATURE =
            call(60, "CONNECT_SUPPORTS_FEATURE", INT, INT);
    public static final Procedure<Void, List<Integer>> AUTH_LIST =
            call(66, "AUTH_LIST", VOID, Xdr.array(INT, Limits.MAX_AUTH_TYPES));
    public static final Procedure<Void, String> AUTH_SASL_INIT = call(67, "AUTH_SASL_INIT", VOID, STRING);
    public static final Procedure<SaslStartArgs, SaslResult> AUTH_SASL_START =
            call(68, "AUTH_SASL_START", rec(SaslStartArgs.class), rec(SaslResult.class));
    public static final Procedure<SaslStepArgs, SaslResult> AUTH_SASL_STEP =
            call(69, "AUTH_SASL_STEP", rec(SaslStepArgs.class), rec(SaslResult.class));
    public static final Procedure<Void, Integer> AUTH_POLKIT = call(70, "AUTH_POLKIT", VOID, INT);
    public static final Procedure<XmlToNativeArgs, String> CONNECT_DOMAIN_XML_TO_NATIVE =
            call(136, "CONNECT_DOMAIN_XML_TO_NATIVE", rec(XmlToNativeArgs.class), STRING);
    public static final Procedure<DomainRef, Integer> DOMAIN_IS_ACTIVE = call(150, "DOMAIN_IS_ACTIVE", DOM, INT);
    public static final Procedure<DomainRef, Integer> DOMAIN_IS_PERSISTENT =
            call(151, "DOMAIN_IS_PERSISTENT", DOM, INT);
    public static final Procedure<DomainFlags, DomainRef> DOMAIN_CREATE_WITH_FLAGS =
            call(196, "DOMAIN_CREATE_WITH_FLAGS", rec(DomainFlags.class), DOM);
    public static final Procedure<DomainCountFlags, Void> DOMAIN_SET_VCPUS_FLAGS =
            call(199, "DOMAIN_SET_VCPUS_FLAGS", rec(DomainCountFlags.class), VOID);
    public static final Procedure<DomainFlags, Integer> DOMAIN_GET_VCPUS_FLAGS =
            call(200, "DOMAIN_GET_VCPUS_FLAGS", rec(DomainFlags.class), INT);
    public static final Procedure<DomainFlags, StateResult> DOMAIN_GET_STATE =
            call(212, "DOMAIN_GET_STATE", rec(DomainFlags.class), rec(StateResult.class));
    public static final Procedure<PinVcpuFlagsArgs, Void> DOMAIN_PIN_VCPU_FLAGS =
            call(225, "DOMAIN_PIN_VCPU_FLAGS", rec(PinVcpuFlagsArgs.class), VOID);
    public static final Procedure<VcpuPinInfoArgs, CpuMaps> DOMAIN_GET_VCPU_PIN_INFO =
            call(230, "DOMAIN_GET_VCPU_PIN_INFO", rec(VcpuPinInfoArgs.class), rec(CpuMaps.class));
    public static final Procedure<DomainFlags, Void> DOMAIN_UNDEFINE_FLAGS =
            call(231, "DOMAIN_UNDEFINE_FLAGS", rec(DomainFlags.class), VOID);
    public static final Procedure<DomainFlags, Void> DOMAIN_DESTROY_FLAGS =
            call(234, "DOMAIN_DESTROY_FLAGS", rec(DomainFlags.class), VOID);
    public static final Procedure<ListAllArgs, ListAllResult> CONNECT_LIST_ALL_DOMAINS =
            call(273, "CONNECT_LIST_ALL_DOMAINS", rec(ListAllArgs.class), rec(ListAllResult.class));
    public static final Procedure<PinEmulatorArgs, Void> DOMAIN_PIN_EMULATOR =
            call(279, "DOMAIN_PIN_EMULATOR", rec(PinEmulatorArgs.class), VOID);
    public static final Procedure<EmulatorPinInfoArgs, CpuMaps> DOMAIN_GET_EMULATOR_PIN_INFO =
            call(280, "DOMAIN_GET_EMULATOR_PIN_INFO", rec(EmulatorPinInfoArgs.class), rec(CpuMaps.class));
    public static final Procedure<NodeCpuMapArgs, NodeCpuMap> NODE_GET_CPU_MAP =
            call(293, "NODE_GET_CPU_MAP", rec(NodeCpuMapArgs.class), rec(NodeCpuMap.class));
    public static final Procedure<RegisterAnyArgs, Integer> CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY =
            call(316, "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", rec(RegisterAnyArgs.class), INT);
    public static final Procedure<Integer, Void> CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY =
            call(317, "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", INT, VOID);
    public static final Procedure<LifecycleEvent, Void> DOMAIN_EVENT_CALLBACK_LIFECYCLE =
            message(318, "DOMAIN_EVENT_CALLBACK_LIFECYCLE", rec(LifecycleEvent.class));
    public static final Procedure<TunableEvent, Void> DOMAIN_EVENT_CALLBACK_TUNABLE =
            message(346, "DOMAIN_EVENT_CALLBACK_TUNABLE", rec(TunableEvent.class));
    public static final Procedure<DomainFlags, IothreadInfoResult> DOMAIN_GET_IOTHREAD_INFO =
            call(351, "DOMAIN_GET_IOTHREAD_INFO", rec(DomainFlags.class), rec(IothreadInfoResult.class));
    public static final Procedure<PinIothreadArgs, Void> DOMAIN_PIN_IOTHREAD =
            call(352, "DOMAIN_PIN_IOTHREAD", rec(PinIothreadArgs.class), VOID);
    public static final Procedure<Void, Void> CONNECT_REGISTER_CLOSE_CALLBACK =
            call(360, "CONNECT_REGISTER_CLOSE_CALLBACK", VOID, VOID);
    public static final Procedure<Void, Void> CONNECT_UNREGISTER_CLOSE_CALLBACK =
            call(361, "CONNECT_UNREGISTER_CLOSE_CALLBACK", VOID, VOID);
    public static final Procedure<SetVcpuArgs, Void> DOMAIN_SET_VCPU =
            call(384, "DOMAIN_SET_VCPU", rec(SetVcpuArgs.class), VOID);

    // ---------------------------------------------------------------- added for jvirtd
    // What virsh's dominfo/undefine and python-libvirt's common calls send that the client does
    // not use itself (numbers observed on libvirt 9.0).

    public static final Procedure<Void, Integer> CONNECT_NUM_OF_DOMAINS =
            call(51, "CONNECT_NUM_OF_DOMAINS", VOID, INT);
    public static final Procedure<Integer, List<Integer>> CONNECT_LIST_DOMAINS =
            call(37, "CONNECT_LIST_DOMAINS", INT, Xdr.array(INT, Limits.MAX_DOMAIN_LIST));
    public static final Procedure<Void, Integer> CONNECT_NUM_OF_DEFINED_DOMAINS =
            call(25, "CONNECT_NUM_OF_DEFINED_DOMAINS", VOID, INT);
    public static final Procedure<Integer, List<String>> CONNECT_LIST_DEFINED_DOMAINS =
            call(21, "CONNECT_LIST_DEFINED_DOMAINS", INT, Xdr.array(STRING, Limits.MAX_DOMAIN_LIST));
    public static final Procedure<Void, Long> CONNECT_GET_LIB_VERSION =
            call(157, "CONNECT_GET_LIB_VERSION", VOID, HYPER);
    public static final Procedure<DomainRef, Integer> DOMAIN_GET_AUTOSTART = call(15, "DOMAIN_GET_AUTOSTART", DOM, INT);
    public static final Procedure<DomainRef, String> DOMAIN_GET_OS_TYPE = call(19, "DOMAIN_GET_OS_TYPE", DOM, STRING);
    public static final Procedure<DomainRef, SecurityLabel> DOMAIN_GET_SECURITY_LABEL =
            call(121, "DOMAIN_GET_SECURITY_LABEL", DOM, rec(SecurityLabel.class));
    public static final Procedure<Void, SecurityModel> NODE_GET_SECURITY_MODEL =
            call(122, "NODE_GET_SECURITY_MODEL", VOID, rec(SecurityModel.class));
    public static final Procedure<DomainFlags, Integer> DOMAIN_HAS_MANAGED_SAVE_IMAGE =
            call(183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE", rec(DomainFlags.class), INT);
    public static final Procedure<DomainFlags, Integer> DOMAIN_SNAPSHOT_NUM =
            call(187, "DOMAIN_SNAPSHOT_NUM", rec(DomainFlags.class), INT);
    public static final Procedure<XmlFlags, DomainRef> DOMAIN_DEFINE_XML_FLAGS =
            call(350, "DOMAIN_DEFINE_XML_FLAGS", rec(XmlFlags.class), DOM);
    public static final Procedure<DomainFlags, List<String>> DOMAIN_GET_MESSAGES =
            call(426, "DOMAIN_GET_MESSAGES", rec(DomainFlags.class), Xdr.array(STRING, Limits.MAX_DOMAIN_MESSAGES));

    // ---------------------------------------------------------------- end of jvirtd's block

    // ---------------------------------------------------------------- tuning's block
    // Scheduler and NUMA parameters, I/O threads at run time, autostart, statistics and host
    // views (numbers observed on libvirt 9.0 with virsh's rpc log; bodies in TuningMessages).

    public static final Procedure<DomainRef, TuningMessages.SchedulerTypeResult> DOMAIN_GET_SCHEDULER_TYPE =
            call(56, "DOMAIN_GET_SCHEDULER_TYPE", DOM, rec(TuningMessages.SchedulerTypeResult.class));
    public static final Procedure<TuningMessages.SchedulerParametersArgs, TuningMessages.Params>
            DOMAIN_GET_SCHEDULER_PARAMETERS = call(57, "DOMAIN_GET_SCHEDULER_PARAMETERS",
                    rec(TuningMessages.SchedulerParametersArgs.class), rec(TuningMessages.Params.class));
    public static final Procedure<TuningMessages.SetParamsArgs, Void> DOMAIN_SET_SCHEDULER_PARAMETERS =
            call(58, "DOMAIN_SET_SCHEDULER_PARAMETERS", rec(TuningMessages.SetParamsArgs.class), VOID);
    public static final Procedure<TuningMessages.SetParamsFlagsArgs, Void> DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS =
            call(219, "DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS", rec(TuningMessages.SetParamsFlagsArgs.class), VOID);
    public static final Procedure<TuningMessages.SchedulerParametersFlagsArgs, TuningMessages.Params>
            DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS = call(223, "DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS",
                    rec(TuningMessages.SchedulerParametersFlagsArgs.class), rec(TuningMessages.Params.class));
    public static final Procedure<TuningMessages.SetParamsFlagsArgs, Void> DOMAIN_SET_NUMA_PARAMETERS =
            call(254, "DOMAIN_SET_NUMA_PARAMETERS", rec(TuningMessages.SetParamsFlagsArgs.class), VOID);
    public static final Procedure<TuningMessages.ParamsCountArgs, TuningMessages.ParamsCountResult>
            DOMAIN_GET_NUMA_PARAMETERS = call(255, "DOMAIN_GET_NUMA_PARAMETERS",
                    rec(TuningMessages.ParamsCountArgs.class), rec(TuningMessages.ParamsCountResult.class));
    public static final Procedure<TuningMessages.CpuStatsArgs, TuningMessages.CpuStatsResult> DOMAIN_GET_CPU_STATS =
            call(262, "DOMAIN_GET_CPU_STATS", rec(TuningMessages.CpuStatsArgs.class),
                    rec(TuningMessages.CpuStatsResult.class));
    public static final Procedure<TuningMessages.SetAutostartArgs, Void> DOMAIN_SET_AUTOSTART =
            call(29, "DOMAIN_SET_AUTOSTART", rec(TuningMessages.SetAutostartArgs.class), VOID);
    public static final Procedure<TuningMessages.IothreadArgs, Void> DOMAIN_ADD_IOTHREAD =
            call(355, "DOMAIN_ADD_IOTHREAD", rec(TuningMessages.IothreadArgs.class), VOID);
    public static final Procedure<TuningMessages.IothreadArgs, Void> DOMAIN_DEL_IOTHREAD =
            call(356, "DOMAIN_DEL_IOTHREAD", rec(TuningMessages.IothreadArgs.class), VOID);
    public static final Procedure<TuningMessages.IothreadParamsArgs, Void> DOMAIN_SET_IOTHREAD_PARAMS =
            call(402, "DOMAIN_SET_IOTHREAD_PARAMS", rec(TuningMessages.IothreadParamsArgs.class), VOID);
    public static final Procedure<TuningMessages.AllDomainStatsArgs, TuningMessages.AllDomainStatsResult>
            CONNECT_GET_ALL_DOMAIN_STATS = call(344, "CONNECT_GET_ALL_DOMAIN_STATS",
                    rec(TuningMessages.AllDomainStatsArgs.class), rec(TuningMessages.AllDomainStatsResult.class));
    public static final Procedure<TuningMessages.CellsFreeMemoryArgs, TuningMessages.CellsFreeMemoryResult>
            NODE_GET_CELLS_FREE_MEMORY = call(101, "NODE_GET_CELLS_FREE_MEMORY",
                    rec(TuningMessages.CellsFreeMemoryArgs.class), rec(TuningMessages.CellsFreeMemoryResult.class));
    public static final Procedure<Void, Long> NODE_GET_FREE_MEMORY = call(102, "NODE_GET_FREE_MEMORY", VOID, HYPER);
    public static final Procedure<TuningMessages.NodeCpuStatsArgs, TuningMessages.NodeStatsResult> NODE_GET_CPU_STATS =
            call(227, "NODE_GET_CPU_STATS", rec(TuningMessages.NodeCpuStatsArgs.class),
                    rec(TuningMessages.NodeStatsResult.class));
    public static final Procedure<TuningMessages.NodeMemoryStatsArgs, TuningMessages.NodeStatsResult>
            NODE_GET_MEMORY_STATS = call(228, "NODE_GET_MEMORY_STATS", rec(TuningMessages.NodeMemoryStatsArgs.class),
                    rec(TuningMessages.NodeStatsResult.class));
    public static final Procedure<TuningMessages.DomainCapabilitiesArgs, String> CONNECT_GET_DOMAIN_CAPABILITIES =
            call(342, "CONNECT_GET_DOMAIN_CAPABILITIES", rec(TuningMessages.DomainCapabilitiesArgs.class), STRING);

    // ---------------------------------------------------------------- end of tuning's block

    /** The body of every reply with status ERROR. */
    public static final XdrType<RemoteError> ERROR = RecordXdr.of(RemoteError.class);

    public static final ProcedureTable TABLE = new ProcedureTable(PROGRAM, ALL);

    private RemoteProgram() {
    }

    /**
     * A record's type, built on first use: a one-shot client uses a handful of the procedures, and
     * reflecting over every record up front cost a cold JVM over 100 ms.
     */
    private static <R extends Record> XdrType<R> rec(Class<R> type) {
        return Xdr.lazy(() -> RecordXdr.of(type));
    }

    private static <A, R> Procedure<A, R> call(int number, String name, XdrType<A> args, XdrType<R> result) {
        Procedure<A, R> p = new Procedure<>(PROGRAM, number, name, Procedure.Kind.CALL, args, result);
        ALL.add(p);
        return p;
    }

    private static <A> Procedure<A, Void> message(int number, String name, XdrType<A> body) {
        Procedure<A, Void> p = new Procedure<>(PROGRAM, number, name, Procedure.Kind.MESSAGE, body, Xdr.VOID);
        ALL.add(p);
        return p;
    }
}
