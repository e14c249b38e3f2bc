package org.jvirt.contract;

import org.jvirt.XmlFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ListFilter;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.StateReason;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuCount;
import org.jvirt.XmlFlag;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;

/**
 * What every driver must do, through the public API only: lifecycle, live and persistent
 * definitions kept apart, pinning with LIVE/CONFIG/CURRENT, vCPU hotplug, events, error codes.
 * A driver's test extends it and says how to connect and how a minimal domain of its kind looks.
 */
public abstract class DriverContractTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    protected Connection conn;
    private final List<String> created = new ArrayList<>();

    /** A new connection to the driver under test. */
    protected abstract Connection open();

    /**
     * A minimal valid domain of this driver named {@code name}, with {@code vcpu} as its
     * {@code <vcpu>} element and {@code extra} placed right after it (e.g. a cputune).
     */
    protected abstract String domainXml(String name, String vcpu, String extra);

    /** The prefix of every domain name the suite creates (swept before and after each test). */
    protected String prefix() {
        return "jvct-";
    }

    /**
     * What a driver may leave out (a driver's {@code Capabilities}, as the public API shows it):
     * each one it leaves out answers NO_SUPPORT, each other one works
     * ({@link #whatTheDriverLeavesOutIsNoSupportAndTheRestIsNot}); the cases that need one are
     * skipped without it.
     */
    public enum Operation {
        /** vcpupin --live. */
        VCPUPIN,
        /** vcpupin without a CPU set (the query). */
        VCPUPIN_QUERY,
        EMULATORPIN,
        EMULATORPIN_QUERY,
        IOTHREADINFO,
        /** setvcpus --live. */
        SETVCPUS_LIVE,
        /** setvcpus --config --hotpluggable. */
        SETVCPUS_HOTPLUGGABLE,
        /** setvcpus --guest (needs a guest agent). */
        SETVCPUS_GUEST,
        /** setvcpu --config (individual vCPUs). */
        SETVCPU,
        VCPUINFO,
        /** The kernel's view of the threads (jvirsh pincheck). */
        PINCHECK,
        /** lxc-enter-namespace. */
        ENTER_NAMESPACE,
        /** domxml-to-native qemu-argv. */
        DOMXML_TO_NATIVE
    }

    /** What this driver leaves out; by default what a VM driver without a guest agent does. */
    protected Set<Operation> unsupported() {
        return EnumSet.of(Operation.SETVCPUS_GUEST, Operation.ENTER_NAMESPACE, Operation.DOMXML_TO_NATIVE);
    }

    private void assumeSupported(Operation... ops) {
        for (Operation op : ops) {
            assumeTrue(!unsupported().contains(op), () -> "the driver leaves out " + op + " (NO_SUPPORT)");
        }
    }

    @BeforeEach
    void openConnection() {
        conn = open();
        sweep();
    }

    @AfterEach
    void closeConnection() {
        try {
            sweep();
        } finally {
            conn.close();
        }
    }

    private void sweep() {
        for (Domain d : conn.listDomains()) {
            if (d.name().startsWith(prefix())) {
                try {
                    if (d.isActive()) {
                        d.destroy();
                    }
                } catch (VirtException ignored) {
                    // gone already
                }
                try {
                    d.undefine();
                } catch (VirtException ignored) {
                    // transient or gone
                }
            }
        }
    }

    protected String name(String what) {
        String n = prefix() + what + "-" + SEQ.incrementAndGet();
        created.add(n);
        return n;
    }

    protected Domain define(String what, String vcpu, String extra) {
        return conn.defineXml(domainXml(name(what), vcpu, extra));
    }

    /** Two distinct online host CPUs when the host has them (first, last). */
    protected int cpuA() {
        return conn.hostTopology().online().first();
    }

    protected int cpuB() {
        return conn.hostTopology().online().last();
    }

    protected CpuSet allHost() {
        return conn.hostTopology().online().below(conn.hostTopology().cpuMapWidth());
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void defineGivesAnInactivePersistentDomain() {
        Domain d = define("def", "<vcpu>1</vcpu>", "");
        assertThat(d.isActive()).isFalse();
        assertThat(d.isPersistent()).isTrue();
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.id()).isEmpty();
        assertThat(conn.listDomains(ListFilter.INACTIVE)).contains(d);
        assertThat(conn.listDomains(ListFilter.ACTIVE)).doesNotContain(d);
        assertThat(conn.lookupByName(d.name()).uuid()).isEqualTo(d.uuid());
        assertThat(conn.lookupByUuid(d.uuid()).name()).isEqualTo(d.name());
        assertThat(d.xml()).contains("<name>" + d.name() + "</name>");
    }

    @Test
    void startAndDestroy() {
        Domain d = define("life", "<vcpu>1</vcpu>", "");
        d.start();
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(d.state().reason()).isEqualTo(StateReason.BOOTED);
        assertThat(d.id()).isPresent();
        assertThat(conn.lookupById(d.id().getAsInt()).uuid()).isEqualTo(d.uuid());
        assertCode(d::start, ErrorCode.OPERATION_INVALID);
        d.destroy();
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.state().reason()).isEqualTo(StateReason.DESTROYED);
        assertThat(d.id()).isEmpty();
        assertCode(d::destroy, ErrorCode.NOT_RUNNING);
    }

    @Test
    void pausedStartSuspendResume() {
        Domain d = define("pause", "<vcpu>1</vcpu>", "");
        d.start(StartOptions.PAUSED);
        assertThat(d.state().state()).isEqualTo(DomainState.PAUSED);
        d.resume();
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(d.state().reason()).isEqualTo(StateReason.UNPAUSED);
        d.suspend();
        assertThat(d.state().state()).isEqualTo(DomainState.PAUSED);
        assertThat(d.state().reason()).isEqualTo(StateReason.USER);
        assertCode(d::suspend, ErrorCode.OPERATION_INVALID);
        d.resume();
        assertCode(d::resume, ErrorCode.OPERATION_INVALID);
        d.destroy();
    }

    @Test
    void transientDomainVanishesWhenStopped() {
        Domain d = conn.createXml(domainXml(name("trans"), "<vcpu>1</vcpu>", ""), StartOptions.DEFAULT);
        assertThat(d.isActive()).isTrue();
        assertThat(d.isPersistent()).isFalse();
        assertThat(conn.listDomains(ListFilter.TRANSIENT)).contains(d);
        assertCode(() -> d.pinVcpu(0, CpuSet.of(cpuA()), Affect.CONFIG), ErrorCode.OPERATION_INVALID);
        assertCode(d::undefine, ErrorCode.OPERATION_INVALID);
        d.destroy();
        assertCode(d::state, ErrorCode.NO_DOMAIN);
        assertThat(conn.listDomains()).doesNotContain(d);
    }

    @Test
    void undefineWhileRunningMakesItTransient() {
        Domain d = define("undef", "<vcpu>1</vcpu>", "");
        d.start();
        d.undefine();
        assertThat(d.isPersistent()).isFalse();
        assertThat(d.isActive()).isTrue();
        d.destroy();
        assertCode(() -> conn.lookupByName(d.name()), ErrorCode.NO_DOMAIN);
    }

    @Test
    void nameAndUuidClashesAreRefusedAndChangeNothing() {
        Domain d = define("clash", "<vcpu>1</vcpu>", "");
        String other = domainXml(d.name(), "<vcpu>1</vcpu>", "")
                .replaceFirst("<name>", "<uuid>" + UUID.randomUUID() + "</uuid><name>");
        assertCode(() -> conn.defineXml(other), ErrorCode.DOM_EXIST);
        assertThat(conn.lookupByName(d.name()).uuid()).isEqualTo(d.uuid());
    }

    @Test
    void badXmlChangesNothing() {
        int before = conn.listDomains().size();
        assertCode(() -> conn.defineXml("<domain><name>" + prefix() + "x</name>"), ErrorCode.XML_ERROR);
        assertCode(() -> conn.defineXml(domainXml(name("bad"), "<vcpu current='5'>4</vcpu>", "")),
                ErrorCode.VCPU_COUNT);
        assertThat(conn.listDomains()).hasSize(before);
    }

    @Test
    void unknownDomainsAreNoDomain() {
        assertCode(() -> conn.lookupByName(prefix() + "nosuch"), ErrorCode.NO_DOMAIN);
        assertCode(() -> conn.lookupByUuid(UUID.randomUUID()), ErrorCode.NO_DOMAIN);
        assertCode(() -> conn.lookupById(999_999), ErrorCode.NO_DOMAIN);
    }

    @Test
    void eventsArriveThroughFlow() throws Exception {
        EventRecorder rec = new EventRecorder();
        conn.events().subscribe(rec);
        Domain d = define("ev", "<vcpu>1</vcpu>", "");
        d.start();
        d.destroy();
        Duration t = Duration.ofSeconds(10);
        rec.await(e -> e instanceof DomainEvent.Defined && e.name().equals(d.name()), t);
        rec.await(e -> e instanceof DomainEvent.Started && e.name().equals(d.name()), t);
        DomainEvent stop = rec.await(e -> e instanceof DomainEvent.Stopped && e.name().equals(d.name()), t);
        assertThat(((DomainEvent.Stopped) stop).reason()).isEqualTo(StateReason.DESTROYED);
    }

    // ---------------------------------------------------------------- pinning

    @Test
    void inheritedCpusetAndExplicitPinsResolve() {
        assumeSupported(Operation.VCPUPIN_QUERY, Operation.EMULATORPIN_QUERY);
        int a = cpuA();
        int b = cpuB();
        Domain d = define("pin", "<vcpu cpuset='" + a + "'>2</vcpu>",
                "<cputune><vcpupin vcpu='1' cpuset='" + b + "'/></cputune>");
        assertThat(d.vcpuPinInfo(Affect.CONFIG)).containsExactly(CpuSet.of(a), CpuSet.of(b));
        assertThat(d.emulatorPinInfo(Affect.CONFIG)).isEqualTo(CpuSet.of(a));
        d.start();
        assertNoDrift(d);
        assertThat(d.vcpuPinInfo(Affect.LIVE)).containsExactly(CpuSet.of(a), CpuSet.of(b));
        assertThat(d.vcpuPinInfo(Affect.CURRENT)).containsExactly(CpuSet.of(a), CpuSet.of(b));
        d.destroy();
    }

    @Test
    void livePinLeavesThePersistentDefinitionAlone() {
        assumeSupported(Operation.VCPUPIN, Operation.VCPUPIN_QUERY, Operation.EMULATORPIN);
        Domain d = define("livepin", "<vcpu>2</vcpu>", "");
        assertCode(() -> d.pinVcpu(0, CpuSet.of(cpuA()), Affect.LIVE), ErrorCode.NOT_RUNNING);
        d.start();
        d.pinVcpu(1, CpuSet.of(cpuB()), Affect.LIVE);
        assertThat(d.vcpuPinInfo(Affect.LIVE).get(1)).isEqualTo(CpuSet.of(cpuB()));
        assertThat(d.vcpuPinInfo(Affect.CONFIG).get(1)).isEqualTo(allHost());
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("vcpupin");
        d.pinVcpu(0, CpuSet.of(cpuA()), Affect.CONFIG);
        assertThat(d.vcpuPinInfo(Affect.CONFIG).get(0)).isEqualTo(CpuSet.of(cpuA()));
        assertThat(d.vcpuPinInfo(Affect.LIVE).get(0)).isEqualTo(allHost());
        assertNoDrift(d);
        d.pinEmulator(CpuSet.of(cpuA()), Affect.LIVE_AND_CONFIG);
        assertNoDrift(d);
        assertThat(d.emulatorPinInfo(Affect.LIVE)).isEqualTo(CpuSet.of(cpuA()));
        assertThat(d.emulatorPinInfo(Affect.CONFIG)).isEqualTo(CpuSet.of(cpuA()));
        assertCode(() -> d.pinVcpu(2, CpuSet.of(cpuA()), Affect.LIVE), ErrorCode.INVALID_ARG);
        assertCode(() -> d.pinVcpu(0, CpuSet.EMPTY, Affect.LIVE), ErrorCode.CPUSET_EMPTY);
        // a CPU the host does not have: HOST_CPU live (as at start), INVALID_ARG for the config alone
        CpuSet beyond = CpuSet.of(conn.hostTopology().cpuMapWidth() + 1);
        assertCode(() -> d.pinVcpu(0, beyond, Affect.LIVE), ErrorCode.HOST_CPU);
        assertCode(() -> d.pinEmulator(beyond, Affect.LIVE), ErrorCode.HOST_CPU);
        assertCode(() -> d.pinVcpu(0, beyond, Affect.CONFIG), ErrorCode.INVALID_ARG);
        d.destroy();
        assertThat(d.vcpuPinInfo(Affect.CURRENT).get(0)).isEqualTo(CpuSet.of(cpuA()));
        assertThat(d.vcpuPinInfo(Affect.CURRENT).get(1)).isEqualTo(allHost());
    }

    /**
     * Whether a running domain can take vCPUs away live: false for QEMU without a guest OS (the
     * guest must eject the CPU through ACPI; a firmware-only QEMU never does).
     */
    protected boolean supportsLiveUnplug() {
        return true;
    }

    /**
     * The kernel agrees with the resolved pinning (what {@code jvirsh pincheck} checks): every
     * thread's affinity, and its cgroup's cpuset where it has one, is its effective set. A
     * driver without a kernel view (no PINCHECK) has nothing to compare.
     */
    protected void assertNoDrift(Domain d) {
        if (unsupported().contains(Operation.PINCHECK)) {
            return;
        }
        List<ThreadPlacement> threads = d.threadPlacements();
        EffectivePinning want = d.effectivePinning(Affect.LIVE);
        CpuSet online = conn.hostTopology().online();
        assertThat(threads).isNotEmpty();
        for (ThreadPlacement t : threads) {
            CpuSet expected = (switch (t.kind()) {
                case VCPU -> want.vcpu(t.index());
                case EMULATOR -> want.emulator();
                case IOTHREAD -> want.iothread(t.index());
            }).cpus().intersect(online);
            assertThat(t.affinity()).as("affinity of %s (tid %d)", t.name(), t.tid()).isEqualTo(expected);
            t.cgroupCpus().ifPresent(c -> assertThat(c).as("cgroup cpuset of %s", t.name()).isEqualTo(expected));
        }
    }

    /** docs/pinning.md#examples C7: a hot-plugged vCPU inherits the cpuset, or gets its stored pin. */
    @Test
    void hotplugInheritsTheCpusetOrTheStoredPin() {
        assumeSupported(Operation.VCPUPIN, Operation.SETVCPUS_LIVE, Operation.VCPUINFO);
        int a = cpuA();
        int b = cpuB();
        String set = a == b ? String.valueOf(a) : a + "," + b;
        CpuSet cpuset = CpuSet.parse(set);
        Domain d = define("c7", "<vcpu cpuset='" + set + "' current='1'>3</vcpu>",
                "<cputune><vcpupin vcpu='2' cpuset='" + b + "'/></cputune>");
        d.start();
        assertThat(d.vcpuInfo()).hasSize(1);
        assertNoDrift(d);
        d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE));
        assertThat(d.vcpuCount().currentLive()).hasValue(3);
        assertThat(d.vcpuCount().currentConfig()).hasValue(1);
        assertThat(d.vcpuInfo()).hasSize(3);
        assertThat(d.vcpuInfo().get(1).affinity()).isEqualTo(cpuset);
        assertThat(d.vcpuInfo().get(2).affinity()).isEqualTo(CpuSet.of(b));
        assertNoDrift(d);
        d.pinVcpu(1, CpuSet.of(a), Affect.LIVE);
        assertThat(d.vcpuInfo().get(1).affinity()).isEqualTo(CpuSet.of(a));
        assertNoDrift(d);
        assertCode(() -> d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE)), ErrorCode.INVALID_ARG);
        assertCode(() -> d.setVcpus(0, SetVcpusOptions.of(Affect.LIVE)), ErrorCode.INVALID_ARG);
        d.destroy();
    }

    /** docs/pinning.md#examples C22: pins of unplugged vCPUs survive and come back with the next hotplug. */
    @Test
    void unplugKeepsPins() {
        assumeSupported(Operation.VCPUPIN, Operation.VCPUPIN_QUERY, Operation.SETVCPUS_LIVE, Operation.VCPUINFO);
        assumeTrue(supportsLiveUnplug(), "the guest cannot release vCPUs");
        int a = cpuA();
        int b = cpuB();
        String set = a == b ? String.valueOf(a) : a + "," + b;
        CpuSet cpuset = CpuSet.parse(set);
        Domain d = define("c22", "<vcpu cpuset='" + set + "' current='1'>3</vcpu>",
                "<cputune><vcpupin vcpu='2' cpuset='" + b + "'/></cputune>");
        d.start();
        d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE));
        d.pinVcpu(1, CpuSet.of(a), Affect.LIVE);
        d.setVcpus(1, SetVcpusOptions.of(Affect.LIVE));
        assertThat(d.vcpuCount().currentLive()).hasValue(1);
        assertThat(d.vcpuPinInfo(Affect.LIVE)).containsExactly(cpuset, CpuSet.of(a), CpuSet.of(b));
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("vcpupin vcpu='1'");
        d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(d.vcpuInfo().get(1).affinity()).isEqualTo(CpuSet.of(a));
        assertNoDrift(d);
        d.destroy();
    }

    /** One call of {@code op} on running domain {@code d}, valid when the driver has it. */
    private Runnable call(Operation op, Domain d) {
        CpuSet one = CpuSet.of(cpuA());
        return switch (op) {
            case VCPUPIN -> () -> d.pinVcpu(0, one, Affect.LIVE);
            case VCPUPIN_QUERY -> () -> d.vcpuPinInfo(Affect.LIVE);
            case EMULATORPIN -> () -> d.pinEmulator(one, Affect.LIVE);
            case EMULATORPIN_QUERY -> () -> d.emulatorPinInfo(Affect.LIVE);
            case IOTHREADINFO -> () -> d.iothreadInfo(Affect.LIVE);
            case SETVCPUS_LIVE -> () -> d.setVcpus(d.vcpuCount().currentLive().orElseThrow(),
                    SetVcpusOptions.of(Affect.LIVE));
            case SETVCPUS_HOTPLUGGABLE -> () -> d.setVcpus(2, SetVcpusOptions.of(Affect.CONFIG).withHotpluggable());
            case SETVCPUS_GUEST -> () -> d.setVcpus(1, SetVcpusOptions.of(Affect.LIVE, SetVcpusOptions.Flag.GUEST));
            case SETVCPU -> () -> d.setVcpu(CpuSet.of(1), true, Affect.CONFIG);
            case VCPUINFO -> d::vcpuInfo;
            case PINCHECK -> d::threadPlacements;
            case ENTER_NAMESPACE -> () -> d.enterNamespaceCommand(List.of("/bin/true"));
            case DOMXML_TO_NATIVE -> () -> conn.domainXmlToNative("qemu-argv", d.xml(XmlFlag.INACTIVE));
        };
    }

    /** The other half of the skipped cases: what a driver leaves out it answers with NO_SUPPORT. */
    @Test
    void whatTheDriverLeavesOutIsNoSupportAndTheRestIsNot() {
        Domain d = define("nosup", "<vcpu current='1'>2</vcpu>", "");
        d.start();
        for (Operation op : Operation.values()) {
            Runnable call = call(op, d);
            if (unsupported().contains(op)) {
                assertThatThrownBy(call::run).as(op.name()).isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).as("%s: %s", op, e.getMessage()).isEqualTo(ErrorCode.NO_SUPPORT));
            } else {
                try {
                    call.run();
                } catch (VirtException e) {
                    assertThat(e.code()).as("%s: %s", op, e.getMessage()).isNotEqualTo(ErrorCode.NO_SUPPORT);
                }
            }
        }
        d.destroy();
    }

    @Test
    void configAndMaximumVcpuCounts() {
        Domain d = define("cnt", "<vcpu current='1'>2</vcpu>", "");
        VcpuCount c = d.vcpuCount();
        assertThat(c.maximumConfig()).hasValue(2);
        assertThat(c.currentConfig()).hasValue(1);
        assertThat(c.maximumLive()).isEmpty();
        assertThat(c.currentLive()).isEmpty();
        d.setVcpus(2, SetVcpusOptions.of(Affect.CONFIG));
        assertThat(d.vcpuCount().currentConfig()).hasValue(2);
        d.setVcpus(4, SetVcpusOptions.of(Affect.CONFIG).withMaximum());
        assertThat(d.vcpuCount().maximumConfig()).hasValue(4);
        assertCode(() -> d.setVcpus(5, SetVcpusOptions.of(Affect.CONFIG)), ErrorCode.INVALID_ARG);
        assertCode(() -> d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE)), ErrorCode.NOT_RUNNING);
        d.start();
        assertCode(() -> d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE).withMaximum()),
                ErrorCode.OPERATION_INVALID);
        assertThat(d.vcpuCount().maximumLive()).hasValue(4);
        d.destroy();
    }

    @Test
    void domainsDoNotBlockEachOther() throws Exception {
        List<Domain> doms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            doms.add(define("par", "<vcpu>1</vcpu>", ""));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Domain d : doms) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        d.start();
                        d.suspend();
                        d.resume();
                        d.destroy();
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Domain d : doms) {
            assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        }
    }
}
