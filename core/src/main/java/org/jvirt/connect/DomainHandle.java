package org.jvirt.connect;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
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
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.spi.DomainOps;
import org.jvirt.spi.VcpuOps;

/** The public {@link Domain}: a (connection, uuid) pair whose every call goes to the driver. */
final class DomainHandle implements Domain {
    private final ConnectionImpl conn;
    private final String name;
    private final UUID uuid;

    DomainHandle(ConnectionImpl conn, String name, UUID uuid) {
        this.conn = conn;
        this.name = name;
        this.uuid = uuid;
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
        return a == null ? Affect.CURRENT : a;
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
    public OptionalInt id() {
        return ops().id(uuid);
    }

    @Override
    public void start(StartOptions options) {
        writeOps("start").start(uuid, options == null ? StartOptions.DEFAULT : options);
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
    public String xml(boolean inactive) {
        return ops().xml(uuid, inactive);
    }

    @Override
    public DomainDef definition(boolean inactive) {
        return ops().definition(uuid, inactive);
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
