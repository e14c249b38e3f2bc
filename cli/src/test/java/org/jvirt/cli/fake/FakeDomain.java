package org.jvirt.cli.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.DomainState;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Vcpu;
import org.jvirt.model.VcpuEntry;
import org.jvirt.model.VcpuPin;
import org.jvirt.pinning.EffectivePinning;

/** A handle on a domain of a {@link FakeConnection}; pins resolve as PINNING.md 4.1. */
final class FakeDomain implements Domain {
    /** The test driver's fake vCPU time (179562.9 s). */
    static final long VCPU_TIME_NANOS = 179_562_900_000_000L;
    static final long CPU_TIME_NANOS = 359_125_800_000_000L;

    private final FakeConnection conn;
    private final UUID uuid;

    FakeDomain(FakeConnection conn, UUID uuid) {
        this.conn = conn;
        this.uuid = uuid;
    }

    private FakeDomainState s() {
        return conn.state(uuid);
    }

    private static VirtException invalid(String format, Object... args) {
        return VirtException.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, format, args);
    }

    @Override
    public String name() {
        synchronized (conn.lock) {
            return s().config.name();
        }
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public OptionalInt id() {
        synchronized (conn.lock) {
            return s().active() ? OptionalInt.of(s().id) : OptionalInt.empty();
        }
    }

    @Override
    public void start(StartOptions options) {
        conn.checkWritable();
        synchronized (conn.lock) {
            if (s().active()) {
                throw invalid("requested operation is not valid: domain is already running");
            }
            startLocked(s(), options);
        }
    }

    void startLocked(FakeDomainState st, StartOptions options) {
        st.id = conn.allocateId();
        st.live = st.config;
        st.state = options.paused() ? new StateInfo(DomainState.PAUSED, StateReason.USER)
                : new StateInfo(DomainState.RUNNING, StateReason.BOOTED);
    }

    @Override
    public void destroy() {
        stop(StateReason.DESTROYED);
    }

    @Override
    public void shutdown() {
        stop(StateReason.SHUTDOWN);
    }

    private void stop(StateReason reason) {
        conn.checkWritable();
        synchronized (conn.lock) {
            FakeDomainState st = s();
            if (!st.active()) {
                throw invalid("requested operation is not valid: domain is not running");
            }
            st.state = new StateInfo(DomainState.SHUTOFF, reason);
            st.live = null;
            st.id = -1;
            if (!st.persistent) {
                conn.domains.remove(uuid);
            }
        }
    }

    @Override
    public void reboot() {
        conn.checkWritable();
        synchronized (conn.lock) {
            if (!s().active()) {
                throw invalid("requested operation is not valid: domain is not running");
            }
        }
    }

    @Override
    public void suspend() {
        conn.checkWritable();
        synchronized (conn.lock) {
            if (s().state.state() != DomainState.RUNNING) {
                throw invalid("requested operation is not valid: domain '%s' is not running", name());
            }
            s().state = new StateInfo(DomainState.PAUSED, StateReason.USER);
        }
    }

    @Override
    public void resume() {
        conn.checkWritable();
        synchronized (conn.lock) {
            if (s().state.state() != DomainState.PAUSED) {
                throw invalid("requested operation is not valid: domain '%s' is not paused", name());
            }
            s().state = new StateInfo(DomainState.RUNNING, StateReason.UNPAUSED);
        }
    }

    @Override
    public void undefine() {
        conn.checkWritable();
        synchronized (conn.lock) {
            FakeDomainState st = s();
            if (!st.persistent) {
                throw invalid("requested operation is not valid: cannot undefine transient domain");
            }
            if (st.active()) {
                st.persistent = false;
            } else {
                conn.domains.remove(uuid);
            }
        }
    }

    @Override
    public StateInfo state() {
        synchronized (conn.lock) {
            return s().state;
        }
    }

    @Override
    public DomainInfo info() {
        synchronized (conn.lock) {
            FakeDomainState st = s();
            DomainDef def = st.active() ? st.live : st.config;
            return new DomainInfo(st.state.state(), def.memory().memoryKiB(), def.memory().currentKiB(),
                    def.vcpu().current(), st.active() ? CPU_TIME_NANOS : 0);
        }
    }

    @Override
    public String xml(boolean inactive) {
        synchronized (conn.lock) {
            return s().xml;
        }
    }

    @Override
    public DomainDef definition(boolean inactive) {
        synchronized (conn.lock) {
            return def(inactive || !s().active() ? Affect.CONFIG : Affect.LIVE);
        }
    }

    @Override
    public boolean isActive() {
        synchronized (conn.lock) {
            return s().active();
        }
    }

    @Override
    public boolean isPersistent() {
        synchronized (conn.lock) {
            return s().persistent;
        }
    }

    /** The definition an affect names; live needs a running domain. */
    private DomainDef def(Affect affect) {
        FakeDomainState st = s();
        Affect a = affect.resolve(st.active());
        if (a.live() && a.config()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                    "invalid argument: live and config cannot be queried together");
        }
        if (a.live()) {
            if (!st.active()) {
                throw invalid("Requested operation is not valid: domain is not running");
            }
            return st.live;
        }
        return st.config;
    }

    private void update(Affect affect, java.util.function.UnaryOperator<DomainDef> change) {
        conn.checkWritable();
        FakeDomainState st = s();
        Affect a = affect.resolve(st.active());
        if (a.live()) {
            if (!st.active()) {
                throw invalid("Requested operation is not valid: domain is not running");
            }
            st.live = change.apply(st.live);
        }
        if (a.config()) {
            st.config = change.apply(st.config);
        }
    }

    private static CpuSet fallback(DomainDef def) {
        return def.vcpu().cpuset().orElse(FakeHost.topology().online());
    }

    @Override
    public void pinVcpu(int vcpu, CpuSet cpus, Affect affect) {
        synchronized (conn.lock) {
            DomainDef def = def(one(affect));
            if (vcpu >= def.vcpu().max()) {
                throw VirtException.of(ErrorCode.VCPU_ID, ErrorDomain.TEST,
                        "vcpu %d is out of range of cpu count %d", vcpu, def.vcpu().max());
            }
            update(affect, d -> d.withCputune(d.cputune().withVcpuPin(new VcpuPin(vcpu, cpus))));
        }
    }

    @Override
    public List<CpuSet> vcpuPinInfo(Affect affect) {
        synchronized (conn.lock) {
            DomainDef def = def(affect);
            List<CpuSet> out = new ArrayList<>();
            for (int i = 0; i < def.vcpu().max(); i++) {
                out.add(def.cputune().vcpuPin(i).map(VcpuPin::cpuset).orElse(fallback(def)));
            }
            return out;
        }
    }

    @Override
    public void pinEmulator(CpuSet cpus, Affect affect) {
        synchronized (conn.lock) {
            update(affect, d -> d.withCputune(d.cputune().withEmulatorPin(Optional.of(new EmulatorPin(cpus)))));
        }
    }

    @Override
    public CpuSet emulatorPinInfo(Affect affect) {
        synchronized (conn.lock) {
            DomainDef def = def(affect);
            return def.cputune().emulatorPin().map(EmulatorPin::cpuset).orElse(fallback(def));
        }
    }

    @Override
    public void pinIothread(int iothread, CpuSet cpus, Affect affect) {
        synchronized (conn.lock) {
            if (!def(one(affect)).iothreads().has(iothread)) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                        "invalid argument: iothreadid %d not found", iothread);
            }
            update(affect, d -> d.withCputune(d.cputune().withIothreadPin(new IothreadPin(iothread, cpus))));
        }
    }

    @Override
    public List<IothreadInfo> iothreadInfo(Affect affect) {
        synchronized (conn.lock) {
            DomainDef def = def(affect);
            List<IothreadInfo> out = new ArrayList<>();
            for (int id : def.iothreads().ids()) {
                out.add(new IothreadInfo(id, def.cputune().iothreadPin(id).map(IothreadPin::cpuset)
                        .orElse(fallback(def))));
            }
            return out;
        }
    }

    @Override
    public void setVcpus(int count, SetVcpusOptions options) {
        synchronized (conn.lock) {
            if (options.guest()) {
                throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.TEST,
                        "this function is not supported by the connection driver: guest vCPU control");
            }
            if (options.maximum()) {
                update(Affect.CONFIG, d -> d.withVcpu(d.vcpu().withMax(count)));
                return;
            }
            DomainDef def = def(options.affect());
            if (count > def.vcpu().max()) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.TEST,
                        "invalid argument: requested cpu amount exceeds maximum (%d > %d)", count, def.vcpu().max());
            }
            update(options.affect(), d -> d.withVcpu(d.vcpu().withEntries(Vcpu.defaultEntries(d.vcpu().max(), count))));
        }
    }

    @Override
    public void setVcpu(CpuSet ids, boolean enable, Affect affect) {
        synchronized (conn.lock) {
            update(affect, d -> {
                Vcpu v = d.vcpu();
                for (int id : ids.stream().toArray()) {
                    if (id >= v.max()) {
                        throw VirtException.of(ErrorCode.VCPU_ID, ErrorDomain.TEST, "vcpu %d does not exist", id);
                    }
                    VcpuEntry e = v.entry(id);
                    v = v.withEntry(e.withEnabled(enable));
                }
                return d.withVcpu(v);
            });
        }
    }

    @Override
    public VcpuCount vcpuCount() {
        synchronized (conn.lock) {
            FakeDomainState st = s();
            OptionalInt none = OptionalInt.empty();
            DomainDef cfg = st.persistent ? st.config : null;
            DomainDef live = st.active() ? st.live : null;
            return new VcpuCount(cfg == null ? none : OptionalInt.of(cfg.vcpu().max()),
                    live == null ? none : OptionalInt.of(live.vcpu().max()),
                    cfg == null ? none : OptionalInt.of(cfg.vcpu().current()),
                    live == null ? none : OptionalInt.of(live.vcpu().current()));
        }
    }

    @Override
    public List<VcpuInfo> vcpuInfo() {
        synchronized (conn.lock) {
            FakeDomainState st = s();
            DomainDef def = st.active() ? st.live : st.config;
            List<CpuSet> pins = vcpuPinInfo(Affect.CURRENT);
            List<VcpuInfo> out = new ArrayList<>();
            for (int id : def.vcpu().online().stream().toArray()) {
                CpuSet affinity = pins.get(id);
                out.add(st.active()
                        ? new VcpuInfo(id, OptionalInt.of(affinity.last()), Optional.of("running"), VCPU_TIME_NANOS,
                                affinity)
                        : new VcpuInfo(id, OptionalInt.empty(), Optional.empty(), 0, affinity));
            }
            return out;
        }
    }

    @Override
    public EffectivePinning effectivePinning(Affect affect) {
        throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.TEST, "effective pinning is not available yet");
    }

    /** One definition to check a change against (the live one when both are affected). */
    private static Affect one(Affect affect) {
        return affect.live() && affect.config() ? Affect.LIVE : affect;
    }
}
