package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.driver.FakeHypervisor.CapabilitySet;
import org.jvirt.model.CpuSet;

/**
 * Changes run inside the driver's job guard (the real drivers' lock file), with every file
 * written inside it; queries do not take it.
 */
class JobGuardTest {
    @TempDir
    Path tmp;

    @Test
    void changesHoldTheGuardAndQueriesDoNot() {
        ManagedFixture f = ManagedFixture.onDisk(FakeHypervisor.with(CapabilitySet.ALL), tmp);
        UUID uuid = f.domains.define(ManagedFixture.xml("g", "kvm", "<vcpu current='1'>2</vcpu>")).domain().uuid();
        assertThat(f.hv.log()).containsExactly("validate", "enter g", "exit g");
        assertThat(tmp.resolve("etc/g.xml")).exists();
        f.hv.clearLog();
        f.domains.start(uuid, StartOptions.DEFAULT);
        assertThat(f.hv.log()).containsExactly("enter g", "validate", "start g", "record g", "exit g");
        f.hv.clearLog();
        f.vcpus.vcpuPinInfo(uuid, Affect.LIVE);
        f.domains.state(uuid);
        f.domains.xml(uuid, java.util.Set.of());
        assertThat(f.hv.log()).isEmpty();
        f.vcpus.pinVcpu(uuid, 0, CpuSet.of(0), Affect.LIVE);
        assertThat(f.hv.log()).containsExactly("enter g", "pinVcpu 0 0", "record g", "exit g");
        f.hv.clearLog();
        f.vcpus.setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(f.hv.log()).containsExactly("enter g", "plan 1", "plug 1 0-3 ALL_HOST_CPUS", "record g", "exit g");
    }

    /**
     * A container's live vCPU count goes through core's planner inside the job guard: another
     * jvirt process never changes it at the same time (it once skipped the lock file).
     */
    @Test
    void aContainersLiveVcpuCountHoldsTheGuard() {
        ManagedFixture f = ManagedFixture.onDisk(FakeHypervisor.with(CapabilitySet.BANDWIDTH), tmp);
        UUID uuid = f.defineAndStart(ManagedFixture.xml("c", "lxc", "<vcpu cpuset='1-2' current='1'>2</vcpu>"));
        f.vcpus.setVcpus(uuid, 2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(f.hv.log()).containsExactly("enter c", "applyVcpuCount 2 on 1-2", "record c", "exit c");
        assertThat(f.vcpus.vcpuCount(uuid).currentLive()).hasValue(2);
        assertThat(new StatusStore(tmp.resolve("run")).load("c").orElseThrow().live().vcpu().current()).isEqualTo(2);
    }
}
