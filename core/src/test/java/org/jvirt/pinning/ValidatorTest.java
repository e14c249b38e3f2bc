package org.jvirt.pinning;

import org.jvirt.host.NumadAdvice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.jvirt.pinning.Fixtures.H8;
import static org.jvirt.pinning.Fixtures.TWO_CELLS;
import static org.jvirt.pinning.Fixtures.auto;
import static org.jvirt.pinning.Fixtures.emulatorpin;
import static org.jvirt.pinning.Fixtures.entries;
import static org.jvirt.pinning.Fixtures.iothreadpin;
import static org.jvirt.pinning.Fixtures.iothreads;
import static org.jvirt.pinning.Fixtures.set;
import static org.jvirt.pinning.Fixtures.vcpupin;
import static org.jvirt.pinning.Fixtures.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;
import org.jvirt.model.SchedPolicy;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.VcpuPin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {
    private final Validator validator = new Validator();
    private static final ValidationContext VM = ValidationContext.vm();
    private static final ValidationContext LXC = ValidationContext.container();
    private static final ValidationContext QEMU = ValidationContext.qemu();

    private VirtException rejected(DomainDef def, ValidationContext ctx) {
        try {
            validator.validate(def, ctx);
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("accepted: " + def);
    }

    private void assertRejected(DomainDef def, ErrorCode code, String message) {
        VirtException e = rejected(def, VM);
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    private void assertAccepted(DomainDef def, ValidationContext ctx) {
        assertThatCode(() -> validator.validate(def, ctx)).doesNotThrowAnyException();
    }

    // ------------------------------------------------------------ builders for cputune parts

    /** A cputune with the given tunables (null = absent) and scheds, keeping the def's pins. */
    static DomainDef tunables(DomainDef def, Long shares, Long period, Long quota, Long gPeriod, Long gQuota,
                              Long ePeriod, Long eQuota, Long iPeriod, Long iQuota) {
        CpuTune t = def.cputune();
        return def.withCputune(new CpuTune(opt(shares), opt(period), opt(quota), opt(gPeriod), opt(gQuota),
                opt(ePeriod), opt(eQuota), opt(iPeriod), opt(iQuota), t.vcpuPins(), t.emulatorPin(),
                t.iothreadPins(), t.emulatorSched(), t.vcpuScheds(), t.iothreadScheds(), t.extras()));
    }

    static DomainDef scheds(DomainDef def, List<ThreadSched> vcpu, List<ThreadSched> io) {
        CpuTune t = def.cputune();
        return def.withCputune(new CpuTune(t.shares(), t.period(), t.quota(), t.globalPeriod(), t.globalQuota(),
                t.emulatorPeriod(), t.emulatorQuota(), t.iothreadPeriod(), t.iothreadQuota(), t.vcpuPins(),
                t.emulatorPin(), t.iothreadPins(), t.emulatorSched(), vcpu, io, t.extras()));
    }

    static ThreadSched sched(String ids) {
        return new ThreadSched(Optional.of(set(ids)), SchedPolicy.FIFO, OptionalInt.of(1));
    }

    private static OptionalLong opt(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    static DomainDef cells(DomainDef def, String... cpus) {
        List<CpuDef.NumaCell> cells = new ArrayList<>();
        for (int i = 0; i < cpus.length; i++) {
            cells.add(new CpuDef.NumaCell(i, set(cpus[i]), 1024, Optional.empty(), Optional.empty(), List.of()));
        }
        return cpu(def, cells, Optional.empty());
    }

    static DomainDef cpu(DomainDef def, List<CpuDef.NumaCell> cells, Optional<CpuDef.Topology> topology) {
        return def.toBuilder().cpu(Optional.of(new CpuDef(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), topology, List.of(), cells, Extras.NONE))).build();
    }

    static DomainDef numatune(DomainDef def, NumaTune.Memory memory, NumaTune.MemNode... memnodes) {
        return def.withNumatune(Optional.of(new NumaTune(Optional.ofNullable(memory), List.of(memnodes),
                Extras.NONE)));
    }

    static NumaTune.Memory memory(NumaMode mode, Placement placement, String nodeset) {
        return new NumaTune.Memory(mode, placement, Optional.ofNullable(nodeset).map(CpuSet::parse));
    }

    // ------------------------------------------------------------ tests

    @Test
    void aPlainDefinitionPasses() {
        assertThat(validator.validate(vm(4, 2, "0-3"), VM)).isEmpty();
        assertThat(validator.validate(vm(4, 2, "0-3"), LXC)).isEmpty();
    }

    @Nested
    class Names {
        @Test
        void validatorChecksTheName() {
            DomainDef def = vm(1).toBuilder().name("a/b").build();
            VirtException e = rejected(def, VM);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME);
            assertThat(e.getMessage()).contains("'/'");
        }
    }

    @Nested
    class V4 {
        @Test
        void currentZeroIsRefusedInEveryDriver() {
            DomainDef def = vm(2, 0, null);
            assertRejected(def, ErrorCode.VCPU_STATE, "vcpu: vCPU 0 must stay online");
            assertThat(rejected(def, LXC).code()).isEqualTo(ErrorCode.VCPU_STATE);
        }

        @Test
        void vcpu0DisabledIsRefused() {
            assertRejected(entries(vm(2), "-h", "+n"), ErrorCode.VCPU_STATE, "vcpu: vCPU 0 must stay online");
        }
    }

    @Nested
    class Containers {
        @Test
        void detailedVcpusAreRefusedForContainers() {
            DomainDef def = entries(vm(2), "+n", "-h");
            VirtException e = rejected(def, LXC);
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
            assertThat(e.getMessage()).startsWith("vcpus: ").contains("not supported for containers");
            assertAccepted(def, VM);
        }

        @Test
        void vmOnlyRulesDoNotApplyToContainers() {
            // V23: topology product differs from MAX
            DomainDef def = cpu(vm(4), List.of(), Optional.of(new CpuDef.Topology(1, 1, 2, 1)));
            assertAccepted(def, LXC);
            assertThat(rejected(def, QEMU).code()).isEqualTo(ErrorCode.VCPU_COUNT);
        }
    }

    @Test
    void v11_offlineButNotHotpluggable() {
        assertRejected(entries(vm(3), "+n", "+n", "-n"), ErrorCode.VCPU_STATE,
                "vcpus: vCPU 2 is offline but not hotpluggable");
    }

    @Nested
    class V12 {
        @Test
        void vcpu0Hotpluggable() {
            assertRejected(entries(vm(2), "+h", "+h"), ErrorCode.VCPU_STATE, "vcpus: vCPU 0 must not be hotpluggable");
        }

        @Test
        void vcpu0MustComeFirst() {
            assertRejected(entries(vm(2), "+n2", "+n1"), ErrorCode.VCPU_STATE,
                    "vcpus: vCPU 0 must come online first (order 0 or 1), not order 2");
            assertAccepted(entries(vm(2), "+n1", "+n2"), VM);
        }

        @Test
        void allOrNoOrders() {
            assertRejected(entries(vm(3), "+n1", "+n2", "+h"), ErrorCode.VCPU_STATE,
                    "vcpus: either every online vCPU has an order or none has (vCPU 0 has order 1, vCPU 2 has none)");
            assertRejected(entries(vm(3), "+n", "+n", "+h3"), ErrorCode.VCPU_STATE,
                    "vcpus: either every online vCPU has an order or none has (vCPU 0 has none, vCPU 2 has order 3)");
            // offline vCPUs carry no order and do not count
            assertAccepted(entries(vm(3), "+n1", "+n2", "-h"), VM);
        }

        @Test
        void bootVcpusComeBeforeHotpluggableOnes() {
            assertRejected(entries(vm(3), "+n", "+h", "+n"), ErrorCode.VCPU_STATE,
                    "vcpus: vCPU 2 is not hotpluggable but follows hotpluggable vCPU 1 "
                            + "(vCPUs that are not hotpluggable must come first)");
            // an offline vCPU is hotpluggable, so a boot vCPU cannot follow it either
            assertThat(rejected(entries(vm(3), "+n", "-h", "+n"), VM).getMessage())
                    .contains("vCPU 2 is not hotpluggable but follows hotpluggable vCPU 1");
            assertAccepted(entries(vm(4), "+n", "+n", "+h", "-h"), VM);
        }

        @Test
        void bootVcpusHaveAscendingOrders() {
            assertRejected(entries(vm(3), "+n1", "+n3", "+n2"), ErrorCode.VCPU_STATE,
                    "vcpus: vCPU 2 has order 2, below order 3 of vCPU 1 "
                            + "(vCPUs that are not hotpluggable must be in ascending order)");
            // hotpluggable vCPUs may come online in any order
            assertAccepted(entries(vm(4), "+n1", "+n2", "+h4", "+h3"), VM);
        }

        @Test
        void orderRulesAreForVmDriversOnly() {
            DomainDef def = entries(vm(2), "+h", "+n").withVcpu(entries(vm(2), "+h", "+n").vcpu().withDetailed(false));
            assertAccepted(def, LXC);
            assertThat(rejected(def, VM).code()).isEqualTo(ErrorCode.VCPU_STATE);
        }

        @Test
        void startRequiresUniqueOrdersWithinMaximum() {
            DomainDef dup = entries(vm(3), "+n1", "+h2", "+h2");
            assertAccepted(dup, VM);
            assertThat(startFailure(dup, VM)).hasMessage("vcpus: order 2 is given to both vCPU 1 and vCPU 2")
                    .extracting(VirtException::code).isEqualTo(ErrorCode.VCPU_STATE);
            DomainDef high = entries(vm(2), "+n1", "+h5");
            assertThat(startFailure(high, VM)).hasMessage("vcpus: vCPU 1 has order 5, above the maximum 2");
        }
    }

    private VirtException startFailure(DomainDef def, ValidationContext ctx) {
        try {
            validator.validateStart(def, ctx, H8, Optional.empty(), true);
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("start accepted");
    }

    @Test
    void v14_vcpupinBeyondMaximumIsOnlyAWarning() {
        List<DefinitionWarning> w = validator.validate(vcpupin(vm(4), 4, "6"), VM);
        assertThat(w).containsExactly(new DefinitionWarning(DefinitionWarning.Kind.SETTING_DROPPED,
                "/domain/cputune/vcpupin", "vcpupin for vCPU 4 ignored: domain has 4 vCPUs"));
    }

    @Test
    void v15_duplicateVcpupin() {
        DomainDef def = vm(2);
        def = def.withCputune(def.cputune().withVcpuPins(List.of(new VcpuPin(1, set("0")), new VcpuPin(1, set("1")))));
        assertRejected(def, ErrorCode.PIN_DUPLICATE, "vcpupin: vCPU 1 is pinned twice");
    }

    @Test
    void emptyPinSetsAreRefused() {
        DomainDef def = vm(2);
        assertRejected(def.withCputune(def.cputune().withVcpuPin(new VcpuPin(0, CpuSet.EMPTY))),
                ErrorCode.CPUSET_EMPTY, "vcpupin: CPU set '' selects no CPU");
        assertRejected(def.withCputune(def.cputune().withEmulatorPin(Optional.of(
                new org.jvirt.model.EmulatorPin(CpuSet.EMPTY)))), ErrorCode.CPUSET_EMPTY,
                "emulatorpin: CPU set '' selects no CPU");
        assertRejected(iothreads(def, 1).withCputune(def.cputune().withIothreadPin(new IothreadPin(1, CpuSet.EMPTY))),
                ErrorCode.CPUSET_EMPTY, "iothreadpin: CPU set '' selects no CPU");
        assertRejected(def.withVcpu(def.vcpu().withCpuset(Optional.of(CpuSet.EMPTY))), ErrorCode.CPUSET_EMPTY,
                "vcpu cpuset: CPU set '' selects no CPU");
    }

    @Nested
    class V18 {
        @Test
        void iothreadZeroAndUnknownIds() {
            DomainDef def = iothreads(vm(2), 1, 2);
            assertRejected(iothreadpin(def, 0, "1"), ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread 0");
            assertRejected(iothreadpin(def, 3, "1"), ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread 3");
            assertRejected(iothreadpin(vm(2), 1, "1"), ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread 1");
            assertAccepted(iothreadpin(def, 2, "1"), VM);
        }

        @Test
        void duplicateIothreadpin() {
            DomainDef def = iothreads(vm(2), 1);
            def = def.withCputune(def.cputune().withIothreadPins(
                    List.of(new IothreadPin(1, set("0")), new IothreadPin(1, set("1")))));
            assertRejected(def, ErrorCode.PIN_DUPLICATE, "iothreadpin: I/O thread 1 is pinned twice");
        }
    }

    @Nested
    class V19 {
        @Test
        void vcpuschedOverlap() {
            assertRejected(scheds(vm(4), List.of(sched("0-1"), sched("1-2")), List.of()), ErrorCode.PIN_TARGET,
                    "vcpusched: vCPU 1 is in more than one vcpusched");
            assertAccepted(scheds(vm(4), List.of(sched("0-1"), sched("2-3")), List.of()), VM);
        }

        @Test
        void vcpuschedBeyondMaximum() {
            assertRejected(scheds(vm(4), List.of(sched("2-4")), List.of()), ErrorCode.PIN_TARGET,
                    "vcpusched: vCPU 4 is not below the maximum 4");
        }

        @Test
        void iothreadschedTargets() {
            DomainDef def = iothreads(vm(1), 1, 2);
            assertRejected(scheds(def, List.of(), List.of(sched("2-3"))), ErrorCode.PIN_TARGET,
                    "iothreadsched: no I/O thread 3");
            assertRejected(scheds(def, List.of(), List.of(sched("1-2"), sched("2"))), ErrorCode.PIN_TARGET,
                    "iothreadsched: I/O thread 2 is in more than one iothreadsched");
            assertAccepted(scheds(def, List.of(), List.of(sched("1"), sched("2"))), VM);
        }
    }

    @Nested
    class V20 {
        @ParameterizedTest(name = "{0}={1}")
        @CsvSource({
                "shares, 1, 2, 262144",
                "shares, 262145, 2, 262144",
                "period, 999, 1000, 1000000",
                "period, 1000001, 1000, 1000000",
                "period, -5, 1000, 1000000",
                "quota, 999, 1000, 17592186044415",
                "quota, 17592186044416, 1000, 17592186044415",
                "global_period, 1, 1000, 1000000",
                "global_quota, 1, 1000, 17592186044415",
                "emulator_period, 1, 1000, 1000000",
                "emulator_quota, 1, 1000, 17592186044415",
                "iothread_period, 1, 1000, 1000000",
                "iothread_quota, 1, 1000, 17592186044415",
        })
        void outOfRange(String name, long value, long min, long max) {
            assertRejected(withTunable(name, value), ErrorCode.TUNABLE_RANGE,
                    "cputune: " + name + " must be within [" + min + ", " + max + "]");
        }

        @Test
        void sharesZeroIsDefinedAndStartsWhereNoCgroupTakesIt() {
            // libvirt 9.0 defines <shares>0</shares> and writes it back; its test driver starts it
            DomainDef def = withTunable("shares", 0);
            assertAccepted(def, VM);
            assertThatCode(() -> validator.validateStart(def, VM, H8, Optional.empty(), true))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "{0}={1}")
        @CsvSource({
                "shares, 0", "shares, 2", "shares, 262144", "shares, 1024",
                "period, 0", "period, 1000", "period, 1000000",
                "quota, 0", "quota, -1", "quota, 1000", "quota, 17592186044415",
                "global_period, 0", "global_quota, -1", "emulator_period, 100000", "emulator_quota, 50000",
                "iothread_period, 1000000", "iothread_quota, -1",
        })
        void inRange(String name, long value) {
            assertAccepted(withTunable(name, value), VM);
        }

        private DomainDef withTunable(String name, long value) {
            Long[] v = new Long[9];
            List<String> names = List.of("shares", "period", "quota", "global_period", "global_quota",
                    "emulator_period", "emulator_quota", "iothread_period", "iothread_quota");
            v[names.indexOf(name)] = value;
            return tunables(vm(2), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        }
    }

    @Nested
    class V21 {
        @Test
        void staticPlacementNeedsNodeset() {
            DomainDef def = numatune(vm(2), memory(NumaMode.INTERLEAVE, Placement.STATIC, null));
            VirtException e = rejected(def, VM);
            assertThat(e.code()).isEqualTo(ErrorCode.NUMATUNE);
            assertThat(e.getMessage()).startsWith("numatune: <memory> with placement 'static' needs a nodeset");
            assertAccepted(numatune(vm(2), memory(NumaMode.INTERLEAVE, Placement.STATIC, "0")), VM);
            assertAccepted(numatune(vm(2), memory(NumaMode.STRICT, Placement.AUTO, null)), VM);
        }

        @Test
        void memnodeNeedsGuestCells() {
            DomainDef def = numatune(vm(2), null, new NumaTune.MemNode(0, NumaMode.STRICT, set("0")));
            assertRejected(def, ErrorCode.NUMATUNE, "numatune: <memnode> needs guest NUMA cells (<cpu><numa><cell>)");
        }

        @Test
        void memnodeCellMustExist() {
            DomainDef def = numatune(cells(vm(2), "0", "1"), null, new NumaTune.MemNode(2, NumaMode.STRICT, set("0")));
            assertRejected(def, ErrorCode.NUMATUNE, "numatune: memnode cellid 2 is not a guest NUMA cell (cells: 0-1)");
        }

        @Test
        void oneMemnodePerCell() {
            DomainDef def = numatune(cells(vm(2), "0", "1"), null, new NumaTune.MemNode(1, NumaMode.STRICT, set("0")),
                    new NumaTune.MemNode(1, NumaMode.STRICT, set("1")));
            assertRejected(def, ErrorCode.NUMATUNE, "numatune: more than one memnode for cell 1");
        }

        @Test
        void memnodeNotWithAutoPlacement() {
            DomainDef def = numatune(cells(vm(2), "0", "1"), memory(NumaMode.STRICT, Placement.AUTO, null),
                    new NumaTune.MemNode(0, NumaMode.STRICT, set("0")));
            VirtException e = rejected(def, VM);
            assertThat(e.code()).isEqualTo(ErrorCode.NUMATUNE);
            assertThat(e.getMessage()).startsWith("numatune: <memnode> is not allowed with <memory placement='auto'>");
        }

        @Test
        void restrictiveMemoryNeedsRestrictiveMemnodes() {
            DomainDef base = cells(vm(2), "0", "1");
            DomainDef bad = numatune(base, memory(NumaMode.RESTRICTIVE, Placement.STATIC, "0"),
                    new NumaTune.MemNode(0, NumaMode.RESTRICTIVE, set("0")),
                    new NumaTune.MemNode(1, NumaMode.STRICT, set("0")));
            assertRejected(bad, ErrorCode.NUMATUNE,
                    "numatune: memnode for cell 1 must have mode 'restrictive' like <memory>, not 'strict'");
            assertAccepted(numatune(base, memory(NumaMode.RESTRICTIVE, Placement.STATIC, "0"),
                    new NumaTune.MemNode(1, NumaMode.RESTRICTIVE, set("0"))), VM);
            assertAccepted(numatune(base, memory(NumaMode.STRICT, Placement.STATIC, "0"),
                    new NumaTune.MemNode(1, NumaMode.INTERLEAVE, set("0"))), VM);
        }

        @Test
        void emptyNodesets() {
            assertThat(rejected(numatune(vm(2),
                    new NumaTune.Memory(NumaMode.STRICT, Placement.STATIC, Optional.of(CpuSet.EMPTY))), VM).code()).isEqualTo(ErrorCode.NUMATUNE);
            assertThat(rejected(numatune(cells(vm(1), "0"), null, new NumaTune.MemNode(0, NumaMode.STRICT,
                    CpuSet.EMPTY)), VM).getMessage()).isEqualTo("numatune: memnode for cell 0: nodeset selects no host node");
        }
    }

    @Nested
    class V22 {
        @Test
        void cellNamesVcpuBeyondMaximum() {
            assertRejected(cells(vm(4), "0-1", "2-4"), ErrorCode.VCPU_ID,
                    "numa: cell CPUs exceed the vCPU count (cell 1 names vCPU 4, maximum is 4)");
        }

        @Test
        void cellsNameMoreCpusThanMaximum() {
            assertRejected(cells(vm(4), "0-3", "0-1"), ErrorCode.VCPU_ID,
                    "numa: cell CPUs exceed the vCPU count (6 named, maximum is 4)");
        }

        @Test
        void cellsOverlap() {
            assertRejected(cells(vm(4), "0-1", "1"), ErrorCode.VCPU_ID, "numa: cells 0 and 1 both name vCPU 1");
            assertAccepted(cells(vm(4), "0-1", "2-3"), VM);
        }
    }

    @Test
    void v23_topologyProductIsTheMaximumForQemu() {
        VirtException e = rejected(cpu(vm(6), List.of(), Optional.of(new CpuDef.Topology(1, 1, 2, 2))), QEMU);
        assertThat(e.code()).isEqualTo(ErrorCode.VCPU_COUNT);
        assertThat(e.getMessage()).isEqualTo("cpu: topology gives 4 vCPUs, maximum is 6");
        assertAccepted(cpu(vm(8), List.of(), Optional.of(new CpuDef.Topology(2, 1, 2, 2))), QEMU);
    }

    @Test
    void v23_theTestDriverTakesATopologyThatDiffersFromTheMaximum() {
        // libvirt 9.0's test driver defines <vcpu>20</vcpu> with a topology of 8; only QEMU refuses it
        assertAccepted(cpu(vm(20), List.of(), Optional.of(new CpuDef.Topology(2, 1, 4, 1))), VM);
        assertAccepted(cpu(vm(4), List.of(), Optional.of(new CpuDef.Topology(2, 1, 4, 1))), VM);
    }

    @Test
    void v27_emulatorpinWithAutoPlacement() {
        assertRejected(emulatorpin(auto(vm(2)), "1"), ErrorCode.CONFIG_UNSUPPORTED,
                "emulatorpin: not allowed with placement='auto': numad decides where the emulator runs");
        // vcpupin and iothreadpin are fine with auto placement
        assertAccepted(iothreadpin(iothreads(vcpupin(auto(vm(2)), 1, "0"), 1), 1, "1"), VM);
    }

    // ------------------------------------------------------------ start-time rules

    @Test
    void v24_startRefusesCpusOutsideTheHost() {
        DomainDef def = vm(2, 2, "6-9");
        assertAccepted(def, VM);
        VirtException e = startFailure(def, VM);
        assertThat(e.code()).isEqualTo(ErrorCode.HOST_CPU);
        assertThat(e.getMessage()).isEqualTo("vcpu cpuset: host CPU 8 does not exist or is offline");
    }

    @Test
    void v24_containersCheckOnlyTheirCpusetNotTheirUnappliedPins() {
        DomainDef pinnedBeyond = vcpupin(vm(2, 2, "0-1"), 1, "9");
        assertThat(startFailure(pinnedBeyond, VM).getMessage()).contains("host CPU 9");
        assertThatCode(() -> validator.validateStart(pinnedBeyond, LXC, H8, Optional.empty(), true))
                .doesNotThrowAnyException();
        VirtException e = startFailure(vm(2, 1, "6-9"), LXC);
        assertThat(e.code()).isEqualTo(ErrorCode.HOST_CPU);
        assertThat(e.getMessage()).isEqualTo("vcpu cpuset: host CPU 8 does not exist or is offline");
    }

    @Test
    void v24_liveSetCheck() {
        assertThatCode(() -> validator.checkHostCpus("vcpupin 1", set("0-7"), H8)).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.checkHostCpus("vcpupin 1", set("7-9"), H8))
                .hasMessage("vcpupin 1: host CPU 8 does not exist or is offline")
                .extracting(x -> ((VirtException) x).code()).isEqualTo(ErrorCode.HOST_CPU);
    }

    @Test
    void v25_numadAdviceNeeded() {
        DomainDef def = auto(vm(2));
        VirtException e = startFailure(def, VM);
        assertThat(e.code()).isEqualTo(ErrorCode.NUMAD);
        assertThat(e.getMessage()).isEqualTo("numad gave no placement advice");
        // memory placement auto alone also needs numad
        DomainDef memAuto = numatune(vm(1, 1, "1"), memory(NumaMode.STRICT, Placement.AUTO, null));
        assertThat(startFailure(memAuto, VM).code()).isEqualTo(ErrorCode.NUMAD);
        assertThatCode(() -> validator.validateStart(def, VM, TWO_CELLS,
                Optional.of(new NumadAdvice(set("0"))), true)).doesNotThrowAnyException();
        assertThat(Validator.needsNumad(vm(1))).isFalse();
    }

    @Test
    void v26_bandwidthNeedsCpuController() {
        DomainDef def = tunables(vm(1), null, 100000L, null, null, null, null, null, null, null);
        assertThatCode(() -> validator.validateStart(def, VM, H8, Optional.empty(), true)).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> validator.validateStart(def, VM, H8, Optional.empty(), false))
                .hasMessage("cputune: CPU bandwidth needs the cgroup cpu controller")
                .extracting(x -> ((VirtException) x).code()).isEqualTo(ErrorCode.NO_CGROUP);
        DomainDef unlimited = tunables(vm(1), null, null, null, null, null, null, -1L, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.checkCpuController(unlimited, false))
                .isInstanceOf(VirtException.class);
        DomainDef shares = tunables(vm(1), 1024L, 0L, 0L, null, null, null, null, null, null);
        assertThatCode(() -> validator.checkCpuController(shares, false)).doesNotThrowAnyException();
    }

    @Test
    void validateChangesNothing() {
        DomainDef def = iothreadpin(iothreads(emulatorpin(vcpupin(vm(4, 2, "0-3"), 5, "1"), "2"), 1), 1, "3");
        DomainDef copy = def.toBuilder().build();
        validator.validateStart(def, VM, H8, Optional.empty(), true);
        assertThat(def).isEqualTo(copy);
        assertThat(def.cputune().vcpuPin(5)).isPresent();
    }
}
