package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.SetVcpusOptions;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.driver.FakeHypervisor.CapabilitySet;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet;

/**
 * Core answers NO_SUPPORT for what a driver's capabilities leave out, after checking the
 * affected definitions as usual, and without calling the driver; a driver without live pinning
 * gets its domains placed as a whole.
 */
class CapabilitiesTest {
    private static void noSupport(Runnable call, String what) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.NO_SUPPORT))
                .hasMessageContaining(what);
    }

    @Test
    void withoutLivePinningEveryPinOperationIsNoSupportLiveOrConfig() {
        ManagedFixture f = ManagedFixture.inMemory(FakeHypervisor.with(CapabilitySet.BANDWIDTH));
        UUID uuid = f.defineAndStart(ManagedFixture.xml("c", "lxc", "<vcpu cpuset='1-2' current='1'>2</vcpu>"));
        for (Affect affect : new Affect[] {Affect.LIVE, Affect.CONFIG, Affect.LIVE_AND_CONFIG, Affect.CURRENT}) {
            noSupport(() -> f.vcpus.pinVcpu(uuid, 0, CpuSet.of(1), affect), "vcpupin");
            noSupport(() -> f.vcpus.pinEmulator(uuid, CpuSet.of(1), affect), "emulatorpin");
            noSupport(() -> f.vcpus.pinIothread(uuid, 1, CpuSet.of(1), affect), "iothreadpin");
            noSupport(() -> f.vcpus.vcpuPinInfo(uuid, affect), "vcpupin");
            noSupport(() -> f.vcpus.emulatorPinInfo(uuid, affect), "emulatorpin");
            noSupport(() -> f.vcpus.iothreadInfo(uuid, affect), "iothreadinfo");
            noSupport(() -> f.vcpus.setVcpu(uuid, CpuSet.of(1), true, affect), "setvcpu");
        }
        noSupport(() -> f.vcpus.setVcpus(uuid, 2, SetVcpusOptions.of(Affect.CONFIG).withHotpluggable()),
                "setvcpus --hotpluggable");
        noSupport(() -> f.vcpus.vcpuInfo(uuid), "vcpuinfo");
        noSupport(() -> f.vcpus.threadPlacements(uuid), "pincheck");
        assertThatThrownBy(() -> f.vcpus.vcpuInfo(uuid)).hasMessageEndingWith("(the fake places a domain as a whole)");
        assertThat(f.hv.log()).as("the driver was never asked").containsOnly("enter c", "exit c");
    }

    @Test
    void theAffectedDefinitionsAreCheckedBeforeNoSupport() {
        ManagedFixture f = ManagedFixture.inMemory(FakeHypervisor.with(CapabilitySet.BANDWIDTH));
        UUID uuid = f.domains.define(ManagedFixture.xml("c", "lxc", "<vcpu>1</vcpu>")).domain().uuid();
        assertThatThrownBy(() -> f.vcpus.pinVcpu(uuid, 0, CpuSet.of(1), Affect.LIVE))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_RUNNING));
    }

    @Test
    void aLifecycleOnlyDriverRefusesLiveVcpuCountsButKeepsConfigOnes() {
        ManagedFixture f = ManagedFixture.inMemory(FakeHypervisor.with(CapabilitySet.LIFECYCLE));
        UUID uuid = f.defineAndStart(ManagedFixture.xml("l", "lxc", "<vcpu current='1'>2</vcpu>"));
        noSupport(() -> f.vcpus.setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE)), "setvcpus --live");
        f.vcpus.setVcpus(uuid, 2, SetVcpusOptions.of(Affect.CONFIG));
        assertThat(f.vcpus.vcpuCount(uuid).currentConfig()).hasValue(2);
        assertThat(f.vcpus.vcpuCount(uuid).currentLive()).hasValue(1);
    }

    /** Pins stay in the XML but do not place anything: one set for every thread, and why. */
    @Test
    void aDomainPlacedAsAWholeRunsOnItsCpusetOrNumadsCpus() {
        ManagedFixture f = ManagedFixture.inMemory(FakeHypervisor.with(CapabilitySet.BANDWIDTH));
        UUID pinned = f.defineAndStart(ManagedFixture.xml("p", "lxc",
                "<vcpu cpuset='1-2'>2</vcpu><cputune><vcpupin vcpu='0' cpuset='3'/></cputune>"));
        EffectivePinning p = f.vcpus.effectivePinning(pinned, Affect.LIVE);
        ResolvedSet cpuset = new ResolvedSet(CpuSet.range(1, 2), ResolvedSet.Reason.VCPU_CPUSET);
        assertThat(p.vcpus()).containsExactly(cpuset, cpuset);
        assertThat(p.emulator()).isEqualTo(cpuset);
        assertThat(p.iothreads()).isEmpty();
        assertThat(f.domains.xml(pinned, java.util.Set.of())).contains("<vcpupin vcpu='0' cpuset='3'/>");

        UUID auto = f.defineAndStart(ManagedFixture.xml("a", "lxc", "<vcpu placement='auto'>1</vcpu>"));
        assertThat(f.vcpus.effectivePinning(auto, Affect.LIVE).emulator())
                .isEqualTo(new ResolvedSet(CpuSet.range(2, 3), ResolvedSet.Reason.NUMAD));
        assertThat(f.vcpus.effectivePinning(auto, Affect.CONFIG).emulator())
                .isEqualTo(new ResolvedSet(CpuSet.range(0, 3), ResolvedSet.Reason.ALL_HOST_CPUS));
        f.vcpus.setVcpus(auto, 1, SetVcpusOptions.of(Affect.LIVE));
        assertThat(f.hv.log()).contains("applyVcpuCount 1 on 2-3");
    }

    @Test
    void aGuestAgentIsNoSupportForEveryDriver() {
        for (CapabilitySet set : CapabilitySet.values()) {
            ManagedFixture f = ManagedFixture.inMemory(FakeHypervisor.with(set));
            UUID uuid = f.defineAndStart(ManagedFixture.xml("g", set == CapabilitySet.ALL ? "kvm" : "lxc",
                    "<vcpu>1</vcpu>"));
            noSupport(() -> f.vcpus.setVcpus(uuid, 1, SetVcpusOptions.of(Affect.LIVE, SetVcpusOptions.Flag.GUEST)), "guest agent");
        }
    }
}
