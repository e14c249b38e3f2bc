package org.jvirt.pinning;

import org.jvirt.host.NumadAdvice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.pinning.Fixtures.H8;
import static org.jvirt.pinning.Fixtures.Q2;
import static org.jvirt.pinning.Fixtures.auto;
import static org.jvirt.pinning.Fixtures.emulatorpin;
import static org.jvirt.pinning.Fixtures.entries;
import static org.jvirt.pinning.Fixtures.iothreadpin;
import static org.jvirt.pinning.Fixtures.iothreads;
import static org.jvirt.pinning.Fixtures.set;
import static org.jvirt.pinning.Fixtures.vcpupin;
import static org.jvirt.pinning.Fixtures.vm;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;
import org.jvirt.model.VcpuPin;
import org.jvirt.pinning.PinningResolver.Mode;
import org.jvirt.pinning.ResolvedSet.Reason;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases of docs/pinning.md#examples that do not need a parser or a running domain, on the
 * model level. Rows are compared the way {@code vcpupin} prints them: canonical text,
 * intersected with the host's CPU map width.
 *
 * <p>Not here, because they are parser behaviours (org.jvirt.xml): C8's warning and the removal
 * of the out-of-range pin, C10 (current above MAX cannot even be represented in the model), C12's
 * dropping of the cpuset, C13 (placement becoming auto) and the XML formatting of C5/C11.
 */
class PinningConformanceTest {
    private final PinningResolver resolver = new PinningResolver();
    private final Validator validator = new Validator();
    private static final ValidationContext VM = ValidationContext.vm();
    /** numad on Q2 answers node 0. */
    private static final Optional<NumadAdvice> NUMAD_Q2 = Optional.of(new NumadAdvice(CpuSet.of(0)));

    /** The vcpupin rows as virsh prints them: "vcpu: set". */
    private List<String> rows(DomainDef def, HostTopology host, Optional<NumadAdvice> numad, Mode mode) {
        EffectivePinning p = resolver.resolve(def, host, numad, mode);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < p.vcpus().size(); i++) {
            out.add(i + ": " + p.vcpu(i).cpus().below(host.cpuMapWidth()).format());
        }
        return out;
    }

    private String emulator(DomainDef def, HostTopology host, Optional<NumadAdvice> numad, Mode mode) {
        return resolver.resolve(def, host, numad, mode).emulator().cpus().below(host.cpuMapWidth()).format();
    }

    private static ErrorCode code(Throwable t) {
        return ((VirtException) t).code();
    }

    private VirtException invalid(DomainDef def) {
        try {
            validator.validate(def, VM);
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void c01_noPinNoCpusetMeansAllHostCpus() {
        DomainDef def = vm(4);
        assertThat(rows(def, H8, Optional.empty(), Mode.CONFIG)).containsExactly("0: 0-7", "1: 0-7", "2: 0-7", "3: 0-7");
        assertThat(emulator(def, H8, Optional.empty(), Mode.CONFIG)).isEqualTo("0-7");
        assertThat(rows(def, H8, Optional.empty(), Mode.LIVE)).containsOnly("0: 0-7", "1: 0-7", "2: 0-7", "3: 0-7");
    }

    @Test
    void c02_vcpuCpusetIsTheDefaultForVcpusAndEmulator() {
        DomainDef def = vm(4, 4, "2-3");
        assertThat(rows(def, H8, Optional.empty(), Mode.LIVE)).containsExactly("0: 2-3", "1: 2-3", "2: 2-3", "3: 2-3");
        assertThat(emulator(def, H8, Optional.empty(), Mode.LIVE)).isEqualTo("2-3");
    }

    @Test
    void c03_vcpupinOverridesCpusetForOneVcpu() {
        DomainDef def = vcpupin(vm(4, 4, "2-3"), 1, "5");
        assertThat(rows(def, H8, Optional.empty(), Mode.LIVE)).containsExactly("0: 2-3", "1: 5", "2: 2-3", "3: 2-3");
        assertThat(emulator(def, H8, Optional.empty(), Mode.LIVE)).isEqualTo("2-3");
        // inherited sets are computed, never stored
        resolver.resolve(def, H8, Optional.empty(), Mode.LIVE);
        assertThat(def.cputune().vcpuPins()).containsExactly(new VcpuPin(1, set("5")));
    }

    @Test
    void c04_vcpupinAndEmulatorpinWithoutCpuset() {
        DomainDef def = emulatorpin(vcpupin(vm(4), 0, "0"), "7");
        assertThat(rows(def, H8, Optional.empty(), Mode.LIVE)).containsExactly("0: 0", "1: 0-7", "2: 0-7", "3: 0-7");
        assertThat(emulator(def, H8, Optional.empty(), Mode.LIVE)).isEqualTo("7");
    }

    @Test
    void c05_exclusionInCpuset() {
        DomainDef def = vm(2, 2, "0-3,^2");
        assertThat(rows(def, H8, Optional.empty(), Mode.LIVE)).containsExactly("0: 0-1,3", "1: 0-1,3");
        assertThat(emulator(def, H8, Optional.empty(), Mode.LIVE)).isEqualTo("0-1,3");
        assertThat(def.vcpu().cpuset().orElseThrow().format()).isEqualTo("0-1,3");
    }

    @Test
    void c06_cpusetSpellings() {
        assertThat(vm(1, 1, " 0 - 3 , ^2 ").vcpu().cpuset().orElseThrow().format()).isEqualTo("0-1,3");
        assertThat(vm(1, 1, "0-3,").vcpu().cpuset().orElseThrow().format()).isEqualTo("0-3");
        assertThat(vm(1, 1, "^2,0-3").vcpu().cpuset().orElseThrow().format()).isEqualTo("0-3");
        assertThat(vm(1, 1, "007").vcpu().cpuset().orElseThrow().format()).isEqualTo("7");
    }

    @Test
    void c07_offlineVcpusKeepTheirPinAndGetItWhenPlugged() {
        DomainDef def = vcpupin(vm(4, 2, "1-2"), 3, "6");
        assertThat(rows(def, H8, Optional.empty(), Mode.CONFIG)).containsExactly("0: 1-2", "1: 1-2", "2: 1-2", "3: 6");
        assertThat(def.vcpu().online()).isEqualTo(set("0-1")); // vcpuinfo shows vCPUs 0 and 1 only
        // live grow to 4: plug 2 then 3, each resolved on its own
        LivePlan plan = VcpuCountPlanner.planLive(def, 4, id -> false);
        assertThat(plan.vcpus()).containsExactly(2, 3);
        DomainDef live = def;
        for (int id : plan.vcpus()) {
            live = plan.applyStep(live, id);
        }
        assertThat(resolver.resolveVcpu(live, 2, H8, Optional.empty(), Mode.LIVE))
                .isEqualTo(new ResolvedSet(set("1-2"), Reason.VCPU_CPUSET));
        assertThat(resolver.resolveVcpu(live, 3, H8, Optional.empty(), Mode.LIVE))
                .isEqualTo(new ResolvedSet(set("6"), Reason.EXPLICIT_PIN));
        assertThat(live.vcpu().online()).isEqualTo(set("0-3"));
    }

    @Test
    void c07_q2Pattern() {
        DomainDef def = vcpupin(vm(4, 2, "0-1"), 3, "0");
        DomainDef live = def;
        for (int id : VcpuCountPlanner.planLive(def, 4, id -> false).vcpus()) {
            live = VcpuCountPlanner.plugged(live, id);
        }
        assertThat(rows(live, Q2, Optional.empty(), Mode.LIVE)).containsExactly("0: 0-1", "1: 0-1", "2: 0-1", "3: 0");
    }

    @Test
    void c08_pinBeyondMaximumIsIgnoredOnTheModelLevel() {
        // the parser drops the pin and logs the warning; a model holding it still resolves to all CPUs
        DomainDef def = vcpupin(vm(4), 4, "6");
        assertThat(rows(def, H8, Optional.empty(), Mode.CONFIG)).containsOnly("0: 0-7", "1: 0-7", "2: 0-7", "3: 0-7");
        assertThat(validator.validate(def, VM)).extracting(DefinitionWarning::message)
                .containsExactly("vcpupin for vCPU 4 ignored: domain has 4 vCPUs");
    }

    @Test
    void c09_twoPinsForOneVcpu() {
        DomainDef def = vm(2);
        DomainDef twice = def.withCputune(def.cputune().withVcpuPins(
                List.of(new VcpuPin(1, set("0")), new VcpuPin(1, set("1")))));
        assertThat(invalid(twice).code()).isEqualTo(ErrorCode.PIN_DUPLICATE);
    }

    @Test
    void c11_autoPlacementWithVcpupinOnQ2() {
        DomainDef def = vcpupin(auto(vm(2)), 1, "0").withNumatune(Optional.of(new NumaTune(Optional.of(
                new NumaTune.Memory(NumaMode.STRICT, Placement.AUTO, Optional.empty())), List.of(), Extras.NONE)));
        assertThat(validator.validateStart(def, VM, Q2, NUMAD_Q2, true)).isEmpty();
        assertThat(rows(def, Q2, NUMAD_Q2, Mode.LIVE)).containsExactly("0: 0-1", "1: 0");
        assertThat(emulator(def, Q2, NUMAD_Q2, Mode.LIVE)).isEqualTo("0-1");
        assertThat(resolver.resolve(def, Q2, NUMAD_Q2, Mode.LIVE).vcpu(0).reason()).isEqualTo(Reason.NUMAD);
        assertThat(resolver.spawnMask(def, Q2, NUMAD_Q2)).isEqualTo(set("0-1"));
    }

    @Test
    void c11b_emulatorpinWithAutoPlacementIsRefused() {
        DomainDef def = emulatorpin(vcpupin(auto(vm(2)), 1, "0"), "1");
        VirtException e = invalid(def);
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
        assertThat(e.getMessage())
                .isEqualTo("emulatorpin: not allowed with placement='auto': numad decides where the emulator runs");
    }

    @Test
    void c12_autoPlacementConfigQueryShowsAllHostCpus() {
        DomainDef def = auto(vm(2));
        assertThat(rows(def, H8, Optional.empty(), Mode.CONFIG)).containsExactly("0: 0-7", "1: 0-7");
    }

    @Test
    void c14_staticCpusetWithAutoNumatune() {
        DomainDef def = vm(2, 2, "1").withNumatune(Optional.of(new NumaTune(Optional.of(
                new NumaTune.Memory(NumaMode.STRICT, Placement.AUTO, Optional.empty())), List.of(), Extras.NONE)));
        assertThat(validator.validate(def, VM)).isEmpty();
        assertThat(rows(def, H8, Optional.empty(), Mode.CONFIG)).containsExactly("0: 1", "1: 1");
        assertThat(emulator(def, H8, Optional.empty(), Mode.CONFIG)).isEqualTo("1");
        // live the vCPUs do not follow numad (placement is static); numad is still needed for memory
        Optional<NumadAdvice> advice = Optional.of(new NumadAdvice(CpuSet.of(0)));
        assertThat(rows(def, H8, advice, Mode.LIVE)).containsExactly("0: 1", "1: 1");
        assertThatThrownBy(() -> validator.validateStart(def, VM, H8, Optional.empty(), true))
                .extracting(PinningConformanceTest::code).isEqualTo(ErrorCode.NUMAD);
    }

    @Test
    void c15_interleaveWithoutNodesetOnStaticPlacement() {
        DomainDef def = vm(2).withNumatune(Optional.of(new NumaTune(Optional.of(
                new NumaTune.Memory(NumaMode.INTERLEAVE, Placement.STATIC, Optional.empty())), List.of(), Extras.NONE)));
        assertThat(invalid(def).code()).isEqualTo(ErrorCode.NUMATUNE);
    }

    @Test
    void c16_emptyResultAndEmptyText() {
        assertThatThrownBy(() -> CpuSet.parse("0,^0")).extracting(PinningConformanceTest::code)
                .isEqualTo(ErrorCode.CPUSET_EMPTY);
        assertThatThrownBy(() -> CpuSet.parse("")).extracting(PinningConformanceTest::code)
                .isEqualTo(ErrorCode.CPUSET_SYNTAX);
    }

    @Test
    void c17_limitAndSyntax() {
        assertThat(vm(1, 1, "16383").vcpu().cpuset()).contains(CpuSet.of(16383));
        assertThat(validator.validate(vm(1, 1, "16383"), VM)).isEmpty();
        for (String bad : List.of("16384", "3-1", "0-7,^2-3", "0,,1")) {
            assertThatThrownBy(() -> CpuSet.parse(bad)).as(bad).extracting(PinningConformanceTest::code)
                    .isEqualTo(ErrorCode.CPUSET_SYNTAX);
        }
    }

    @Test
    void c18_cpusBeyondTheHostDefineButDoNotStart() {
        DomainDef def = vm(2, 2, "6-9");
        assertThat(validator.validate(def, VM)).isEmpty();
        assertThat(rows(def, H8, Optional.empty(), Mode.CONFIG)).containsExactly("0: 6-7", "1: 6-7");
        assertThatThrownBy(() -> validator.validateStart(def, VM, H8, Optional.empty(), true))
                .hasMessage("vcpu cpuset: host CPU 8 does not exist or is offline")
                .extracting(PinningConformanceTest::code).isEqualTo(ErrorCode.HOST_CPU);
    }

    @Test
    void c18_q2EachSettingFailsAtStart() {
        List<DomainDef> defs = List.of(vm(1, 1, "1-3"), vcpupin(vm(1), 0, "5"), emulatorpin(vm(1), "4"));
        List<String> messages = List.of("vcpu cpuset: host CPU 2 does not exist or is offline",
                "vcpupin 0: host CPU 5 does not exist or is offline",
                "emulatorpin: host CPU 4 does not exist or is offline");
        for (int i = 0; i < defs.size(); i++) {
            DomainDef def = defs.get(i);
            assertThat(validator.validate(def, VM)).isEmpty();
            assertThatThrownBy(() -> validator.validateStart(def, VM, Q2, Optional.empty(), true))
                    .hasMessage(messages.get(i)).extracting(PinningConformanceTest::code)
                    .isEqualTo(ErrorCode.HOST_CPU);
        }
    }

    @Test
    void c19_iothreadsInheritTheCpuset() {
        DomainDef def = iothreadpin(iothreads(vm(2, 2, "0-1"), 1, 2), 1, "3");
        EffectivePinning p = resolver.resolve(def, H8, Optional.empty(), Mode.LIVE);
        assertThat(p.iothread(1).cpus().format()).isEqualTo("3");
        assertThat(p.iothread(2).cpus().format()).isEqualTo("0-1");
    }

    @Test
    void c20_vcpu0Offline() {
        assertThat(invalid(entries(vm(2), "-h", "+n")).code()).isEqualTo(ErrorCode.VCPU_STATE);
        assertThat(invalid(vm(2, 0, null)).code()).isEqualTo(ErrorCode.VCPU_STATE);
    }

    @Test
    void c21_offlineAndNotHotpluggable() {
        assertThat(invalid(entries(vm(2), "+n", "-n")).code()).isEqualTo(ErrorCode.VCPU_STATE);
    }

    /**
     * C22 on H8 flips online bits; with QEMU semantics shrinking to 1 needs vCPU 1 to be
     * hot-plugged too, so vCPU 1 is started as an enabled hotpluggable vCPU (device_add after
     * spawn, docs/pinning.md#the-settings).
     */
    @Test
    void c22_pinsOfOfflineVcpusSurviveGrowAndShrink() {
        DomainDef persistent = vcpupin(entries(vm(4, 2, "1-2"), "+n", "+h", "-h", "-h"), 3, "6");
        DomainDef live = PinChanges.pinVcpu(persistent, DefinitionKind.LIVE, 1, set("7"));
        Set<Integer> aliases = new java.util.HashSet<>(Set.of(1));
        LivePlan grow = VcpuCountPlanner.planLive(live, 4, aliases::contains);
        for (int id : grow.vcpus()) {
            live = grow.applyStep(live, id);
            aliases.add(id);
        }
        LivePlan shrink = VcpuCountPlanner.planLive(live, 1, aliases::contains);
        assertThat(shrink.vcpus()).containsExactly(3, 2, 1);
        for (int id : shrink.vcpus()) {
            live = shrink.applyStep(live, id);
        }
        assertThat(live.vcpu().online()).isEqualTo(set("0"));
        assertThat(rows(live, H8, Optional.empty(), Mode.LIVE)).containsExactly("0: 1-2", "1: 7", "2: 1-2", "3: 6");
        assertThat(persistent.cputune().vcpuPins()).containsExactly(new VcpuPin(3, set("6")));
    }

    @Test
    void c23_shrinkBelowBootVcpusChangesNothing() {
        DomainDef live = vcpupin(vm(4, 2, "0-1"), 3, "0");
        assertThatThrownBy(() -> VcpuCountPlanner.planLive(live, 1,
                VcpuCountPlanner.pluggedByDeviceAdd(live, id -> true)))
                .hasMessage("no set of hotpluggable vCPUs gives exactly 1 online vCPUs")
                .extracting(PinningConformanceTest::code).isEqualTo(ErrorCode.HOTPLUG_TARGET);
        assertThat(live.vcpu().current()).isEqualTo(2);
    }

    @Test
    void c24_pinToAllHostCpusIsStoredExplicitly() {
        DomainDef live = vm(2, 2, null);
        DomainDef after = PinChanges.pinVcpu(live, 1, Q2.online()); // virsh "vcpupin D 1 r"
        assertThat(after.cputune().vcpuPins()).containsExactly(new VcpuPin(1, set("0-1")));
        assertThat(resolver.resolveVcpu(after, 1, Q2, Optional.empty(), Mode.LIVE).reason())
                .isEqualTo(Reason.EXPLICIT_PIN);
    }
}
