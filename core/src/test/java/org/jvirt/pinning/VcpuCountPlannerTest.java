package org.jvirt.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.pinning.Fixtures.entries;
import static org.jvirt.pinning.Fixtures.set;
import static org.jvirt.pinning.Fixtures.vcpupin;
import static org.jvirt.pinning.Fixtures.vm;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.SchedPolicy;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.VcpuEntry;
import org.jvirt.model.VcpuPin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VcpuCountPlannerTest {

    private static ErrorCode code(Throwable t) {
        return ((VirtException) t).code();
    }

    private static String states(DomainDef d) {
        StringBuilder b = new StringBuilder();
        for (VcpuEntry e : d.vcpu().entries()) {
            b.append(e.enabled() ? '+' : '-').append(e.hotpluggable() ? 'h' : 'n');
            if (e.order() != 0) {
                b.append(e.order());
            }
            b.append(' ');
        }
        return b.toString().trim();
    }

    @Nested
    class Live {
        @Test
        void growTakesOfflineVcpusByAscendingId() {
            DomainDef def = vm(6, 2, null);
            LivePlan plan = VcpuCountPlanner.planLive(def, 5, id -> false);
            assertThat(plan.action()).isEqualTo(LivePlan.Action.PLUG);
            assertThat(plan.vcpus()).containsExactly(2, 3, 4);
        }

        @Test
        void growSkipsGapsLeftByEarlierUnplugs() {
            DomainDef def = entries(vm(5), "+n", "-h", "+h", "-h", "-h");
            assertThat(VcpuCountPlanner.planLive(def, 4, id -> true).vcpus()).containsExactly(1, 3);
        }

        @Test
        void shrinkTakesHotpluggedVcpusByDescendingId() {
            DomainDef def = entries(vm(5), "+n", "+n", "+h3", "+h4", "+h5");
            LivePlan plan = VcpuCountPlanner.planLive(def, 3, id -> id >= 2);
            assertThat(plan.action()).isEqualTo(LivePlan.Action.UNPLUG);
            assertThat(plan.vcpus()).containsExactly(4, 3);
        }

        @Test
        void shrinkSkipsVcpusWithoutDeviceAlias() {
            // vCPU 3 is hotpluggable but was started as part of the boot set (no alias)
            DomainDef def = entries(vm(4), "+n", "+h", "+h", "+h");
            assertThat(VcpuCountPlanner.planLive(def, 2, id -> id != 3).vcpus()).containsExactly(2, 1);
        }

        @Test
        void shrinkBelowTheBootVcpusIsHotplugTarget() {
            DomainDef def = vm(4, 2, "0-1");
            assertThatThrownBy(() -> VcpuCountPlanner.planLive(def, 1,
                    VcpuCountPlanner.pluggedByDeviceAdd(def, id -> true)))
                    .hasMessage("no set of hotpluggable vCPUs gives exactly 1 online vCPUs")
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.HOTPLUG_TARGET);
        }

        @Test
        void sameCountIsAnEmptyPlan() {
            LivePlan plan = VcpuCountPlanner.planLive(vm(4, 2, null), 2, id -> true);
            assertThat(plan.isEmpty()).isTrue();
            assertThat(plan.action()).isEqualTo(LivePlan.Action.NONE);
            assertThatThrownBy(() -> plan.applyStep(vm(4, 2, null), 2)).extracting(VcpuCountPlannerTest::code)
                    .isEqualTo(ErrorCode.INVALID_ARG);
        }

        @Test
        void countBeyondLiveMaximumOrZero() {
            assertThatThrownBy(() -> VcpuCountPlanner.planLive(vm(4), 5, id -> true))
                    .hasMessage("requested 5 vCPUs but the live maximum is 4")
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
            assertThatThrownBy(() -> VcpuCountPlanner.planLive(vm(4), 0, id -> true))
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
        }

        @Test
        void applyingPlugStepsSetsStateOrderAndKeepsPins() {
            DomainDef def = vcpupin(vm(4, 2, "1-2"), 3, "6");
            LivePlan plan = VcpuCountPlanner.planLive(def, 4, id -> false);
            DomainDef live = def;
            for (int id : plan.vcpus()) {
                live = plan.applyStep(live, id);
            }
            assertThat(states(live)).isEqualTo("+n1 +n2 +h3 +h4");
            assertThat(live.vcpu().detailed()).isTrue();
            assertThat(live.cputune().vcpuPins()).containsExactly(new VcpuPin(3, set("6")));
            assertThat(new Validator().validate(live, ValidationContext.vm())).isEmpty();
            new Validator().checkStartVcpuOrder(live);
        }

        @Test
        void applyingUnplugStepsClearsOrderAndKeepsPins() {
            DomainDef def = vcpupin(vcpupin(entries(vm(4), "+n1", "+n2", "+h3", "+h4"), 2, "5"), 3, "6");
            Set<Integer> aliases = Set.of(2, 3);
            LivePlan plan = VcpuCountPlanner.planLive(def, 2, aliases::contains);
            DomainDef live = def;
            for (int id : plan.vcpus()) {
                live = plan.applyStep(live, id);
            }
            assertThat(states(live)).isEqualTo("+n1 +n2 -h -h");
            assertThat(live.cputune().vcpuPins()).containsExactly(new VcpuPin(2, set("5")), new VcpuPin(3, set("6")));
        }

        @Test
        void plugAfterUnplugGetsTheNextOrder() {
            DomainDef def = entries(vm(4), "+n1", "+n2", "+h3", "-h");
            DomainDef live = VcpuCountPlanner.plugged(def, 3);
            assertThat(states(live)).isEqualTo("+n1 +n2 +h3 +h4");
            assertThat(states(VcpuCountPlanner.unplugged(live, 2))).isEqualTo("+n1 +n2 -h +h4");
        }

        @Test
        void stepsRefuseWrongStates() {
            assertThatThrownBy(() -> VcpuCountPlanner.plugged(vm(2), 1)).extracting(VcpuCountPlannerTest::code)
                    .isEqualTo(ErrorCode.OPERATION_INVALID);
            assertThatThrownBy(() -> VcpuCountPlanner.unplugged(vm(2, 1, null), 1))
                    .hasMessage("vCPU 1 is already offline");
            assertThatThrownBy(() -> VcpuCountPlanner.plugged(vm(2, 1, null), 2))
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
        }
    }

    @Nested
    class Config {
        @Test
        void growTurnsLowestOfflineOnlineWithoutFlag() {
            DomainDef def = entries(vm(4), "+n1", "-h", "-h", "-h");
            DomainDef after = VcpuCountPlanner.planConfig(def.withVcpu(def.vcpu().withDetailed(false)), 3, false);
            assertThat(states(after)).isEqualTo("+n +n +n -h");
            assertThat(after.vcpu().detailed()).isFalse();
        }

        @Test
        void growWithHotpluggableFlagWritesVcpus() {
            DomainDef after = VcpuCountPlanner.planConfig(vm(4, 1, null), 3, true);
            assertThat(states(after)).isEqualTo("+n +h +h -h");
            assertThat(after.vcpu().detailed()).isTrue();
        }

        @Test
        void growIsForcedHotpluggableAfterAnOnlineHotpluggableVcpu() {
            DomainDef def = entries(vm(4), "+n", "+h", "-h", "-h");
            assertThat(states(VcpuCountPlanner.planConfig(def, 3, false))).isEqualTo("+n +h +h -h");
        }

        @Test
        void shrinkTurnsHighestOnlineOffline() {
            DomainDef def = vcpupin(entries(vm(4), "+n1", "+n2", "+h3", "+h4"), 3, "1");
            DomainDef after = VcpuCountPlanner.planConfig(def, 1, false);
            assertThat(states(after)).isEqualTo("+n -h -h -h");
            assertThat(after.cputune()).isEqualTo(def.cputune());
        }

        @Test
        void sameCountStillClearsOrders() {
            DomainDef def = entries(vm(2), "+n1", "+h2");
            assertThat(states(VcpuCountPlanner.planConfig(def, 2, false))).isEqualTo("+n +h");
        }

        @Test
        void countBeyondPersistentMaximum() {
            assertThatThrownBy(() -> VcpuCountPlanner.planConfig(vm(4), 6, false))
                    .hasMessage("requested 6 vCPUs but the persistent maximum is 4")
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
            assertThatThrownBy(() -> VcpuCountPlanner.planConfig(vm(4), 0, false))
                    .hasMessage("requested 0 vCPUs: vCPU 0 must stay online");
        }
    }

    @Nested
    class Maximum {
        private DomainDef withCpu(DomainDef def, List<CpuDef.NumaCell> cells, Optional<CpuDef.Topology> topo) {
            return def.toBuilder().cpu(Optional.of(new CpuDef(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), topo, List.of(), cells, Extras.NONE))).build();
        }

        private CpuDef.NumaCell cell(int id, String cpus) {
            return new CpuDef.NumaCell(id, set(cpus), 1024, Optional.empty(), Optional.empty(), List.of());
        }

        @Test
        void growAddsOfflineHotpluggableVcpusAndClearsOrders() {
            DomainDef def = entries(vm(2), "+n1", "+h2");
            DomainDef after = VcpuCountPlanner.planMaximum(def, 4);
            assertThat(after.vcpu().max()).isEqualTo(4);
            assertThat(states(after)).isEqualTo("+n +h -h -h");
        }

        @Test
        void shrinkDropsEntriesPinsAndSchedMembers() {
            DomainDef def = vcpupin(vcpupin(vm(6, 6, "0-3"), 1, "2"), 5, "3");
            def = def.withCputune(def.cputune().withVcpuScheds(List.of(
                    new ThreadSched(Optional.of(set("1,4")), SchedPolicy.FIFO, OptionalInt.of(5)),
                    new ThreadSched(Optional.of(set("5")), SchedPolicy.BATCH, OptionalInt.empty()))));
            DomainDef after = VcpuCountPlanner.planMaximum(def, 3);
            assertThat(after.vcpu().max()).isEqualTo(3);
            assertThat(after.vcpu().current()).isEqualTo(3);
            assertThat(after.cputune().vcpuPins()).containsExactly(new VcpuPin(1, set("2")));
            assertThat(after.cputune().vcpuScheds()).containsExactly(
                    new ThreadSched(Optional.of(set("1")), SchedPolicy.FIFO, OptionalInt.of(5)));
            assertThat(after.vcpu().cpuset()).contains(set("0-3"));
            assertThat(new Validator().validate(after, ValidationContext.vm())).isEmpty();
        }

        @Test
        void mustCoverGuestNumaCells() {
            DomainDef def = withCpu(vm(4), List.of(cell(0, "0-1"), cell(1, "2-3")), Optional.empty());
            assertThatThrownBy(() -> VcpuCountPlanner.planMaximum(def, 3))
                    .hasMessage("requested maximum 3 vCPUs but the guest NUMA cells name 4 vCPUs")
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
            DomainDef high = withCpu(vm(4), List.of(cell(0, "3")), Optional.empty());
            assertThatThrownBy(() -> VcpuCountPlanner.planMaximum(high, 2))
                    .hasMessage("requested maximum 2 vCPUs but guest NUMA cell 0 names vCPU 3");
            assertThat(VcpuCountPlanner.planMaximum(def, 6).vcpu().max()).isEqualTo(6);
        }

        @Test
        void mustEqualTopologyProduct() {
            DomainDef def = withCpu(vm(4), List.of(), Optional.of(new CpuDef.Topology(1, 1, 4, 1)));
            assertThatThrownBy(() -> VcpuCountPlanner.planMaximum(def, 8))
                    .hasMessage("requested maximum 8 vCPUs but the CPU topology gives 4")
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
            assertThat(VcpuCountPlanner.planMaximum(def, 4).vcpu().max()).isEqualTo(4);
        }

        @Test
        void bounds() {
            assertThatThrownBy(() -> VcpuCountPlanner.planMaximum(vm(2), 0))
                    .hasMessage("requested maximum 0 vCPUs is outside [1, 16384]");
            assertThatThrownBy(() -> VcpuCountPlanner.planMaximum(vm(2), 16385))
                    .extracting(VcpuCountPlannerTest::code).isEqualTo(ErrorCode.INVALID_ARG);
            assertThat(VcpuCountPlanner.planMaximum(vm(2), 16384).vcpu().max()).isEqualTo(16384);
        }
    }

}
