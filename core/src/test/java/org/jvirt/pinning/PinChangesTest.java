package org.jvirt.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.pinning.Fixtures.auto;
import static org.jvirt.pinning.Fixtures.iothreads;
import static org.jvirt.pinning.Fixtures.set;
import static org.jvirt.pinning.Fixtures.vcpupin;
import static org.jvirt.pinning.Fixtures.vm;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.VcpuPin;
import org.junit.jupiter.api.Test;

class PinChangesTest {

    private static ErrorCode code(Throwable t) {
        return ((VirtException) t).code();
    }

    @Test
    void pinVcpuStoresAnExplicitPinAndKeepsTheOthers() {
        DomainDef def = vcpupin(vm(4, 2, "1-2"), 3, "6");
        DomainDef after = PinChanges.pinVcpu(def, 1, set("7"));
        assertThat(after.cputune().vcpuPins()).containsExactly(new VcpuPin(1, set("7")), new VcpuPin(3, set("6")));
        assertThat(def.cputune().vcpuPins()).containsExactly(new VcpuPin(3, set("6"))); // input untouched
        // replacing an existing pin
        assertThat(PinChanges.pinVcpu(after, 3, set("0")).cputune().vcpuPin(3)).contains(new VcpuPin(3, set("0")));
    }

    @Test
    void pinVcpuAcceptsOfflineVcpusButNotBeyondMaximum() {
        DomainDef def = vm(4, 1, null);
        assertThat(PinChanges.pinVcpu(def, 3, set("1")).cputune().vcpuPin(3)).isPresent();
        assertThatThrownBy(() -> PinChanges.pinVcpu(def, 4, set("1")))
                .hasMessage("vcpu 4 is out of range: the domain has vCPUs 0-3 (maximum 4)").extracting(PinChangesTest::code)
                .isEqualTo(ErrorCode.INVALID_ARG);
        assertThatThrownBy(() -> PinChanges.pinVcpu(def, DefinitionKind.LIVE, 9, set("1")))
                .hasMessage("vcpu 9 is out of range: the live definition has vCPUs 0-3 (maximum 4)");
        assertThatThrownBy(() -> PinChanges.pinVcpu(def, DefinitionKind.PERSISTENT, -1, set("1")))
                .hasMessage("vcpu -1 is out of range: the persistent definition has vCPUs 0-3 (maximum 4)");
    }

    @Test
    void pinVcpuEmptySet() {
        assertThatThrownBy(() -> PinChanges.pinVcpu(vm(2), 0, CpuSet.EMPTY))
                .hasMessage("vcpupin: CPU set '' selects no CPU").extracting(PinChangesTest::code)
                .isEqualTo(ErrorCode.CPUSET_EMPTY);
    }

    @Test
    void pinVcpuOnAutoPlacementIsAllowed() {
        assertThat(PinChanges.pinVcpu(auto(vm(2)), 1, set("0")).cputune().vcpuPin(1)).isPresent();
    }

    @Test
    void pinEmulator() {
        DomainDef after = PinChanges.pinEmulator(vm(2), set("3"));
        assertThat(after.cputune().emulatorPin()).contains(new EmulatorPin(set("3")));
        assertThatThrownBy(() -> PinChanges.pinEmulator(vm(2), CpuSet.EMPTY))
                .hasMessage("emulatorpin: CPU set '' selects no CPU").extracting(PinChangesTest::code)
                .isEqualTo(ErrorCode.CPUSET_EMPTY);
        assertThatThrownBy(() -> PinChanges.pinEmulator(auto(vm(2)), set("1")))
                .hasMessage("emulatorpin: not allowed with placement='auto': numad decides where the emulator runs")
                .extracting(PinChangesTest::code).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
    }

    @Test
    void pinIothread() {
        DomainDef def = iothreads(vm(2), 1, 4);
        assertThat(PinChanges.pinIothread(def, 4, set("2")).cputune().iothreadPins())
                .containsExactly(new IothreadPin(4, set("2")));
        assertThatThrownBy(() -> PinChanges.pinIothread(def, 2, set("1")))
                .hasMessage("iothreadpin: no I/O thread 2").extracting(PinChangesTest::code)
                .isEqualTo(ErrorCode.PIN_TARGET);
        assertThatThrownBy(() -> PinChanges.pinIothread(def, 0, set("1"))).extracting(PinChangesTest::code)
                .isEqualTo(ErrorCode.PIN_TARGET);
        assertThatThrownBy(() -> PinChanges.pinIothread(def, 1, CpuSet.EMPTY)).extracting(PinChangesTest::code)
                .isEqualTo(ErrorCode.CPUSET_EMPTY);
    }
}
