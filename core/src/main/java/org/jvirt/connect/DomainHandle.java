package org.jvirt.connect;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import org.jvirt.DestroyOptions;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.XmlFlag;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.spi.DomainOps;
import org.jvirt.spi.VcpuOps;

/** The public {@link Domain}: a (connection, uuid) pair whose every call goes to the driver. */
final class DomainHandle implements Domain {
    private final ConnectionImpl conn;
    private final String name;
    private final UUID uuid;
    private final List<DefinitionWarning> warnings;

    DomainHandle(ConnectionImpl conn, String name, UUID uuid, List<DefinitionWarning> warnings) {
        this.conn = conn;
        this.name = name;
        this.uuid = uuid;
        this.warnings = List.copyOf(warnings);
    }

    private DomainOps ops() {
        return conn.driver().domains();
    }

    private DomainOps writeOps(String what) {
        conn.checkWritable(what);
        return conn.driver().domains();
    }

    private VcpuOps vcpus() {
        return conn.driver().vcpus();
    }

    private VcpuOps writeVcpus(String what) {
        conn.checkWritable(what);
        return conn.driver().vcpus();
    }

    private static Affect affect(Affect a) {
        if (a == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT,
                    "which definition to affect is missing: give Affect.CURRENT, LIVE, CONFIG or LIVE_AND_CONFIG");
        }
        return a;
    }

    private static CpuSet cpus(CpuSet set) {
        if (set == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "CPU set is missing");
        }
        return set;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public List<DefinitionWarning> warnings() {
        return warnings;
    }

    @Override
    public OptionalInt id() {
        return ops().id(uuid);
    }

    @Override
    public void start(StartOptions options) {
        StartOptions o = options == null ? StartOptions.DEFAULT : options;
        writeOps("start").start(uuid, o);
        if (o.autodestroy()) {
            conn.destroyOnClose(uuid);
        }
    }

    @Override
    public void destroy(DestroyOptions options) {
        writeOps("destroy").destroy(uuid, options == null ? DestroyOptions.DEFAULT : options);
    }

    @Override
    public void shutdown() {
        writeOps("shutdown").shutdown(uuid);
    }

    @Override
    public void reboot() {
        writeOps("reboot").reboot(uuid);
    }

    @Override
    public void suspend() {
        writeOps("suspend").suspend(uuid);
    }

    @Override
    public void resume() {
        writeOps("resume").resume(uuid);
    }

    @Override
    public void undefine() {
        writeOps("undefine").undefine(uuid);
    }

    @Override
    public StateInfo state() {
        return ops().state(uuid);
    }

    @Override
    public DomainInfo info() {
        return ops().info(uuid);
    }

    @Override
    public String xml(XmlFlag... flags) {
        Set<XmlFlag> set = flags(flags);
        if (set.contains(XmlFlag.SECURE)) {
            conn.checkWritable("dumpxml --security-info");
        }
        return ops().xml(uuid, set);
    }

    @Override
    public DomainDef definition(XmlFlag... flags) {
        return ops().definition(uuid, flags(flags).contains(XmlFlag.INACTIVE));
    }

    private static Set<XmlFlag> flags(XmlFlag... flags) {
        if (flags == null || Arrays.asList(flags).contains(null)) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "XML flags must not be null");
        }
        return flags.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(flags));
    }

    @Override
    public boolean isActive() {
        return ops().lookupByUuid(uuid).active();
    }

    @Override
    public boolean isPersistent() {
        return ops().lookupByUuid(uuid).persistent();
    }

    @Override
    public void pinVcpu(int vcpu, CpuSet set, Affect affect) {
        writeVcpus("vcpupin").pinVcpu(uuid, vcpu, cpus(set), affect(affect));
    }

    @Override
    public List<CpuSet> vcpuPinInfo(Affect affect) {
        return vcpus().vcpuPinInfo(uuid, affect(affect));
    }

    @Override
    public void pinEmulator(CpuSet set, Affect affect) {
        writeVcpus("emulatorpin").pinEmulator(uuid, cpus(set), affect(affect));
    }

    @Override
    public CpuSet emulatorPinInfo(Affect affect) {
        return vcpus().emulatorPinInfo(uuid, affect(affect));
    }

    @Override
    public void pinIothread(int iothread, CpuSet set, Affect affect) {
        writeVcpus("iothreadpin").pinIothread(uuid, iothread, cpus(set), affect(affect));
    }

    @Override
    public List<IothreadInfo> iothreadInfo(Affect affect) {
        return vcpus().iothreadInfo(uuid, affect(affect));
    }

    @Override
    public void setVcpus(int count, SetVcpusOptions options) {
        writeVcpus("setvcpus").setVcpus(uuid, count, options == null ? SetVcpusOptions.of(Affect.CURRENT) : options);
    }

    @Override
    public void setVcpu(CpuSet ids, boolean enable, Affect affect) {
        writeVcpus("setvcpu").setVcpu(uuid, cpus(ids), enable, affect(affect));
    }

    @Override
    public VcpuCount vcpuCount() {
        return vcpus().vcpuCount(uuid);
    }

    @Override
    public List<VcpuInfo> vcpuInfo() {
        return vcpus().vcpuInfo(uuid);
    }

    @Override
    public List<ThreadPlacement> threadPlacements() {
        return vcpus().threadPlacements(uuid);
    }

    @Override
    public List<String> enterNamespaceCommand(List<String> command) {
        if (command == null || command.isEmpty()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "no command given to run in the domain");
        }
        conn.checkWritable("lxc-enter-namespace");
        return conn.driver().enterNamespaceCommand(uuid, List.copyOf(command));
    }

    @Override
    public EffectivePinning effectivePinning(Affect affect) {
        return vcpus().effectivePinning(uuid, affect(affect));
    }

    private org.jvirt.spi.TuningOps tuning() {
        return conn.driver().tuning();
    }

    private org.jvirt.spi.TuningOps writeTuning(String what) {
        conn.checkWritable(what);
        return conn.driver().tuning();
    }

    @Override
    public String schedulerType() {
        return tuning().schedulerType(uuid);
    }

    @Override
    public org.jvirt.tuning.SchedulerParameters schedulerParameters(Affect affect) {
        return tuning().schedulerParameters(uuid, affect(affect));
    }

    @Override
    public void setSchedulerParameters(org.jvirt.tuning.SchedulerParameters change, Affect affect) {
        writeTuning("schedinfo").setSchedulerParameters(uuid, required(change, "scheduler parameters"),
                affect(affect));
    }

    @Override
    public org.jvirt.tuning.NumaParameters numaParameters(Affect affect) {
        return tuning().numaParameters(uuid, affect(affect));
    }

    @Override
    public void setNumaParameters(org.jvirt.tuning.NumaChange change, Affect affect) {
        writeTuning("numatune").setNumaParameters(uuid, required(change, "NUMA change"), affect(affect));
    }

    @Override
    public void addIothread(int id, Affect affect) {
        writeTuning("iothreadadd").addIothread(uuid, id, affect(affect));
    }

    @Override
    public void deleteIothread(int id, Affect affect) {
        writeTuning("iothreaddel").deleteIothread(uuid, id, affect(affect));
    }

    @Override
    public void setIothreadParameters(int id, org.jvirt.tuning.IothreadParameters parameters, Affect affect) {
        writeTuning("iothreadset").setIothreadParameters(uuid, id, required(parameters, "IOThread parameters"),
                affect(affect));
    }

    @Override
    public org.jvirt.Autostart autostart() {
        return tuning().autostart(uuid);
    }

    @Override
    public void setAutostart(org.jvirt.Autostart autostart) {
        writeTuning("autostart").setAutostart(uuid, required(autostart, "autostart"));
    }

    @Override
    public org.jvirt.stats.CpuStats cpuStats() {
        return conn.driver().stats().cpuStats(uuid);
    }

    @Override
    public org.jvirt.stats.DomainStats stats(java.util.Set<org.jvirt.stats.StatsGroup> groups) {
        return conn.driver().stats().stats(List.of(uuid), java.util.Set.copyOf(required(groups, "statistics groups")))
                .get(0);
    }

    @Override
    public java.util.concurrent.Flow.Publisher<org.jvirt.stats.StatsSample> statsSamples(java.time.Duration interval) {
        return new StatsSampler(this, required(interval, "sampling interval"), conn::isClosed);
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "%s missing", what);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainHandle other && other.uuid.equals(uuid) && other.conn == conn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uuid, System.identityHashCode(conn));
    }

    @Override
    public String toString() {
        return "Domain[" + name + " " + uuid + "]";
    }
}
