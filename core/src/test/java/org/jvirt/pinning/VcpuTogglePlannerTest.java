package org.jvirt.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.pinning.Fixtures.entries;
import static org.jvirt.pinning.Fixtures.set;
import static org.jvirt.pinning.Fixtures.vm;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.VcpuEntry;
import org.junit.jupiter.api.Test;

class VcpuTogglePlannerTest {

    private static ErrorCode code(Throwable t) {
        return ((VirtException) t).code();
    }

    @Test
    void liveEnableOneOfflineVcpu() {
        LivePlan plan = VcpuTogglePlanner.planLive(vm(4, 2, null), set("3"), true, id -> false);
        assertThat(plan.action()).isEqualTo(LivePlan.Action.PLUG);
        assertThat(plan.vcpus()).containsExactly(3);
        DomainDef live = plan.applyStep(vm(4, 2, null), 3);
        assertThat(live.vcpu().entry(3)).isEqualTo(new VcpuEntry(3, true, true, 3));
    }

    @Test
    void liveDisableNeedsAHotpluggedVcpu() {
        DomainDef def = entries(vm(3), "+n", "+n", "+h");
        assertThat(VcpuTogglePlanner.planLive(def, set("2"), false, id -> id == 2).vcpus()).containsExactly(2);
        assertThatThrownBy(() -> VcpuTogglePlanner.planLive(def, set("2"), false, id -> false))
                .hasMessage("vCPU 2 cannot be unplugged: it is not a hot-plugged vCPU")
                .extracting(VcpuTogglePlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
        assertThatThrownBy(() -> VcpuTogglePlanner.planLive(def, set("1"), false,
                VcpuCountPlanner.pluggedByDeviceAdd(def, id -> true)))
                .hasMessage("vCPU 1 cannot be unplugged: it is not a hot-plugged vCPU");
    }

    @Test
    void liveExactlyOneVcpu() {
        assertThatThrownBy(() -> VcpuTogglePlanner.planLive(vm(4, 1, null), set("2-3"), true, id -> true))
                .hasMessage("only one hotpluggable vCPU can be switched per call, 2 were selected")
                .extracting(VcpuTogglePlannerTest::code).isEqualTo(ErrorCode.OPERATION_UNSUPPORTED);
    }

    @Test
    void commonChecks() {
        DomainDef def = vm(4, 2, null);
        assertThatThrownBy(() -> VcpuTogglePlanner.planLive(def, set("0"), false, id -> true))
                .hasMessage("vCPU 0 cannot be changed: it must stay online")
                .extracting(VcpuTogglePlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
        assertThatThrownBy(() -> VcpuTogglePlanner.planConfig(def, set("0-1"), false))
                .extracting(VcpuTogglePlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
        assertThatThrownBy(() -> VcpuTogglePlanner.planLive(def, set("1"), true, id -> true))
                .hasMessage("vCPU 1 is already online");
        assertThatThrownBy(() -> VcpuTogglePlanner.planConfig(def, set("2-3"), false))
                .hasMessage("vCPU 2 is already offline");
        assertThatThrownBy(() -> VcpuTogglePlanner.planConfig(def, set("4"), true))
                .hasMessage("vcpu 4 is out of range: the persistent definition has vCPUs 0-3 (maximum 4)");
        assertThatThrownBy(() -> VcpuTogglePlanner.planLive(def, set("7"), true, id -> true))
                .hasMessage("vcpu 7 is out of range: the live definition has vCPUs 0-3 (maximum 4)");
        assertThatThrownBy(() -> VcpuTogglePlanner.planConfig(def, CpuSet.EMPTY, true))
                .hasMessage("no vCPU selected");
    }

    @Test
    void configSwitchesAndMarksHotpluggable() {
        DomainDef def = entries(vm(4), "+n1", "+h2", "-h", "-h");
        DomainDef after = VcpuTogglePlanner.planConfig(def, set("2-3"), true);
        assertThat(after.vcpu().entries()).containsExactly(new VcpuEntry(0, true, false, 0),
                new VcpuEntry(1, true, true, 0), new VcpuEntry(2, true, true, 0), new VcpuEntry(3, true, true, 0));
        assertThat(after.vcpu().detailed()).isTrue();
        DomainDef off = VcpuTogglePlanner.planConfig(vm(3), set("2"), false);
        assertThat(off.vcpu().entry(2)).isEqualTo(new VcpuEntry(2, false, true, 0));
        assertThat(new Validator().validate(off, ValidationContext.vm())).isEmpty();
    }

    @Test
    void configRefusesBootVcpusAfterTheSelection() {
        assertThatThrownBy(() -> VcpuTogglePlanner.planConfig(vm(3), set("1"), false))
                .hasMessage("vCPU 1 cannot be changed: it is followed by vCPU 2, which is online and not hotpluggable")
                .extracting(VcpuTogglePlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
    }
}
