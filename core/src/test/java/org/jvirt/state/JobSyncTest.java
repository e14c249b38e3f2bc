package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.DomainState;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.driver.FakeHypervisor;
import org.jvirt.error.ErrorDomain;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.VcpuPin;
import org.jvirt.pinning.Validator;
import org.jvirt.xml.DomainStatus;
import org.jvirt.xml.DomainXml;

/**
 * Two connections over the same stores, as two jvirt processes: each job (and query) catches up
 * with the status the other wrote, so no change is lost; a status gone means stopped elsewhere;
 * a job left unfinished by a dead process is reconciled before the next one.
 */
class JobSyncTest {
    private static final String VM = "<domain type='kvm'><name>a</name><uuid>6f3a1c52-0d4e-4b8e-9a51-2b7c9e0d1f11</uuid><memory>1024</memory>"
            + "<vcpu placement='static'>2</vcpu><os><type>hvm</type></os></domain>";

    @TempDir
    Path tmp;

    private record Process(FakeHypervisor hv, ManagedDriver<FakeHypervisor.Run> driver, ManagedDomains<FakeHypervisor.Run> domains,
                           ManagedVcpus<FakeHypervisor.Run> vcpus) {
    }

    private Process process() {
        FakeHypervisor hv = FakeHypervisor.with(FakeHypervisor.CapabilitySet.ALL);
        List<HostCpu> cpus = List.of(new HostCpu(0, 0, 0, 0, CpuSet.of(0), 0), new HostCpu(1, 0, 0, 1, CpuSet.of(1), 0));
        HostTopology host = new HostTopology("x86_64", "x86_64", 1000, List.of(new HostCell(0, 1024, cpus, Map.of())),
                CpuSet.of(0, 1), 2);
        ManagedDriver<FakeHypervisor.Run> driver = new ManagedDriver<>(new DomainList<>(), hv,
                DomainStore.onDisk(new ConfigStore(tmp.resolve("etc")), new StatusStore(tmp.resolve("run")),
                        new DomainXml()), new StandardCodec(hv, new DomainXml(), new Validator()), host, (v, m) -> null,
                new EventBus(Executors.newSingleThreadExecutor()), ErrorDomain.NONE);
        return new Process(hv, driver, new ManagedDomains<>(driver), new ManagedVcpus<>(driver));
    }

    /** Process {@code b} takes over the domain {@code a} started, from its status file. */
    private UUID takeOver(Process b) {
        DomainStatus s = new StatusStore(tmp.resolve("run")).load("a").orElseThrow();
        b.domains().restoreDefined(new DomainXml().read(VM).def());
        b.domains().restoreActive(s.live(), new StateInfo(s.state(), s.reason()), s.id(),
                Optional.empty(), w -> b.hv().attach("a", w));
        return s.live().uuid();
    }

    private Process started() {
        Process a = process();
        a.domains().define(VM);
        a.domains().start(a.domains().lookupByName("a").uuid(), StartOptions.DEFAULT);
        return a;
    }

    @Test
    void aJobStartsFromWhatAnotherProcessWroteSoNoPinIsLost() {
        Process a = started();
        UUID uuid = a.domains().lookupByName("a").uuid();
        Process b = process();
        takeOver(b);
        b.vcpus().pinVcpu(uuid, 1, CpuSet.of(1), Affect.LIVE);
        assertThat(a.vcpus().vcpuPinInfo(uuid, Affect.LIVE)).as("a query follows").containsExactly(CpuSet.of(0, 1),
                CpuSet.of(1));
        a.vcpus().pinVcpu(uuid, 0, CpuSet.of(0), Affect.LIVE);
        DomainStatus s = new StatusStore(tmp.resolve("run")).load("a").orElseThrow();
        assertThat(s.live().cputune().vcpuPins()).as("both processes' pins in the status")
                .containsExactlyInAnyOrder(new VcpuPin(0, CpuSet.of(0)), new VcpuPin(1, CpuSet.of(1)));
        assertThat(b.vcpus().vcpuPinInfo(uuid, Affect.LIVE)).containsExactly(CpuSet.of(0), CpuSet.of(1));
        assertThat(a.hv().log()).contains("follow a");
    }

    @Test
    void aStatusGoneMeansTheDomainWasStoppedElsewhere() {
        Process a = started();
        UUID uuid = a.domains().lookupByName("a").uuid();
        new StatusStore(tmp.resolve("run")).delete("a"); // another process destroyed it and cleaned up
        assertThat(a.domains().state(uuid)).isEqualTo(new StateInfo(DomainState.SHUTOFF, StateReason.UNKNOWN));
        assertThat(a.hv().log()).contains("forget a").doesNotContain("destroy a");
        a.domains().start(uuid, StartOptions.DEFAULT); // and it starts again here
        assertThat(a.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void aJobLeftUnfinishedByADeadProcessIsReconciledFirst() {
        Process a = started();
        UUID uuid = a.domains().lookupByName("a").uuid();
        a.hv().interruptedBefore("setvcpus");
        a.domains().suspend(uuid);
        assertThat(a.hv().log()).containsSubsequence("reconcile a", "suspend a");
        a.hv().clearLog();
        a.domains().resume(uuid);
        assertThat(a.hv().log()).doesNotContain("reconcile a");
    }
}
