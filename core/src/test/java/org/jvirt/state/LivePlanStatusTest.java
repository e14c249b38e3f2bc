package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jvirt.Affect;
import org.jvirt.SetVcpusOptions;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.driver.FakeHypervisor.CapabilitySet;
import org.jvirt.error.VirtException;

/**
 * A live vCPU plan (setvcpus, setvcpu) writes the status once, after its last completed step,
 * also when a later step fails; the steps done before the failure stay done.
 */
class LivePlanStatusTest {
    @TempDir
    Path tmp;

    private ManagedFixture f;
    private UUID uuid;

    @BeforeEach
    void setUp() {
        f = ManagedFixture.onDisk(FakeHypervisor.with(CapabilitySet.ALL), tmp);
        uuid = f.defineAndStart(ManagedFixture.xml("plan", "kvm", "<vcpu placement='static' current='1'>4</vcpu>"));
    }

    /** How many status files were written since the start. */
    private long statusWrites() {
        return f.hv.log().stream().filter(c -> c.equals("record plan")).count();
    }

    private int statusVcpus() {
        return new StatusStore(tmp.resolve("run")).load("plan").orElseThrow().live().vcpu().current();
    }

    @Test
    void aPlanOfSeveralStepsWritesTheStatusOnce() {
        f.vcpus.setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE));
        assertThat(f.vcpus.vcpuCount(uuid).currentLive()).hasValue(4);
        assertThat(f.hv.log()).as("the driver gets the whole plan in one call").containsOnlyOnce("plan 1 2 3");
        assertThat(f.hv.log()).containsSubsequence("plan 1 2 3", "plug 1 0-3 ALL_HOST_CPUS", "plug 2 0-3 ALL_HOST_CPUS",
                "plug 3 0-3 ALL_HOST_CPUS", "record plan");
        assertThat(statusWrites()).isOne();
        assertThat(statusVcpus()).isEqualTo(4);
    }

    @Test
    void aFailedStepKeepsTheStepsBeforeItAndTheirStatus() {
        f.hv.failPlugOf(3);
        assertThatThrownBy(() -> f.vcpus.setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .hasMessageContaining("plug of 3 refused");
        assertThat(f.vcpus.vcpuCount(uuid).currentLive()).hasValue(3);
        assertThat(statusWrites()).isOne();
        assertThat(statusVcpus()).isEqualTo(3);
    }

    @Test
    void aPlanWhoseFirstStepFailsChangesNothingAndWritesNothing() {
        f.hv.failPlugOf(1);
        assertThatThrownBy(() -> f.vcpus.setVcpus(uuid, 4, SetVcpusOptions.of(Affect.LIVE)))
                .isInstanceOf(VirtException.class);
        assertThat(f.vcpus.vcpuCount(uuid).currentLive()).hasValue(1);
        assertThat(statusWrites()).isZero();
        assertThat(statusVcpus()).isEqualTo(1);
    }
}
