package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * The fault suite's crashes of QEMU itself (kill -9): while idle, during live changes, and while
 * no jvirt process watches it. The domain ends up shut off with nothing left, and starts again.
 */
class QemuKillIT extends QemuItBase {
    private static void kill9(long pid) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
    }

    private static void awaitShutOff(Domain d) {
        long end = System.nanoTime() + 15_000_000_000L;
        while (d.state().state() != DomainState.SHUTOFF) {
            assertThat(System.nanoTime()).as("%s still %s", d.name(), d.state()).isLessThan(end);
            QemuTestEnv.sleep(20);
        }
    }

    @Test
    void qemuKilledWhileIdle() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "kidle", type(), "<vcpu>2</vcpu>", ""));
        d.start();
        kill9(pid(d));
        awaitShutOff(d);
        assertThat(d.state().reason()).isEqualTo(StateReason.CRASHED);
        FaultChecks.nothingLeft(d.name());
        d.start(StartOptions.DEFAULT);
        FaultChecks.consistent(d);
    }

    /** vCPU plugs and pins run in a loop while QEMU is killed: they fail, nothing is left. */
    @Test
    void qemuKilledDuringLiveChanges() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "klive", type(),
                "<vcpu placement='static' current='1'>4</vcpu>", ""));
        d.start();
        long pid = pid(d);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> changes = CompletableFuture.supplyAsync(() -> {
            int done = 0;
            for (int i = 0; !stop.get(); i++) {
                try {
                    d.pinVcpu(0, CpuSet.parse(i % 2 == 0 ? "0" : "1"), Affect.LIVE);
                    d.setVcpus(1 + (i % 4), SetVcpusOptions.of(Affect.LIVE));
                    done++;
                } catch (VirtException e) {
                    // refused (no guest to unplug a vCPU), or failed clearly because QEMU is gone
                    if (e.code() != ErrorCode.NOT_RUNNING && !e.getMessage().contains("unplug")
                            && !e.getMessage().contains("exited") && !e.getMessage().contains("closed")) {
                        throw e;
                    }
                }
            }
            return done;
        });
        Thread.sleep(300);
        kill9(pid);
        awaitShutOff(d);
        stop.set(true);
        changes.get(60, TimeUnit.SECONDS);
        FaultChecks.nothingLeft(d.name());
        try (Connection fresh = QemuTestEnv.connect()) {
            assertThat(FaultChecks.consistent(fresh.lookupByName(d.name()))).isEqualTo(FaultChecks.Outcome.SHUT_OFF);
        }
    }

    /** Killed while no jvirt process is attached: the next connection finds it gone and cleans up. */
    @Test
    void qemuKilledWhileNobodyWatches() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "kalone", type(), "<vcpu>1</vcpu>", ""));
        d.start();
        long pid = pid(d);
        conn.close();
        kill9(pid);
        while (new java.io.File("/proc/" + pid).exists()) {
            QemuTestEnv.sleep(10);
        }
        conn = QemuTestEnv.connect();
        assertThat(FaultChecks.consistent(conn.lookupByName(d.name()))).isEqualTo(FaultChecks.Outcome.SHUT_OFF);
    }
}
