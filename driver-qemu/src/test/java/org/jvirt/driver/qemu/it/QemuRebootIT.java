package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.driver.qemu.it.FaultChecks.Child;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * Reboot and shutdown from any process, on a guest that answers the power button
 * ({@link PowerButtonGuest}): from a process that does not hold the monitor (the holder resets
 * the guest when it powers off), and from one that exits before the guest powers off (the next
 * connection finishes what was asked: the reset, or the end of QEMU).
 */
class QemuRebootIT extends QemuItBase {
    private static final Duration CHILD = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private PowerButtonGuest guest;

    @BeforeEach
    void guest() throws Exception {
        guest = new PowerButtonGuest(dir);
    }

    private Path mark(String name) {
        return QemuTestEnv.ROOT.resolve("run/" + name + ".d/reboot");
    }

    /** Defines and starts the guest as {@code suffix} (this connection holds its monitor) and waits for its first boot. */
    private Domain booted(String suffix) throws Exception {
        Domain d = conn.defineXml(guest.xml(QemuTestEnv.PREFIX + suffix, type()));
        d.start();
        guest.awaitBoots(1);
        return d;
    }

    /** Runs {@code op} on {@code name} in a jvirt process of its own, to its end. */
    private static void inOtherProcess(String op, String name) throws Exception {
        try (Child c = new Child(op, name)) {
            c.await("done", CHILD);
            c.process.getOutputStream().close();
            assertThat(c.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void eventually(BooleanSupplier done, String what) {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 30 s: %s", what).isLessThan(end);
            QemuTestEnv.sleep(20);
        }
    }

    @Test
    void aRebootFromAProcessThatDoesNotHoldTheMonitorResetsTheGuest() throws Exception {
        Domain d = booted("rbt"); // this connection holds the monitor
        long pid = pid(d);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                QemuTestEnv.ROOT.resolve("log/" + d.name() + ".log")))).as("QEMU's log").isEqualTo("rw-------");
        inOtherProcess("reboot", d.name());
        guest.awaitBoots(2);
        eventually(() -> !Files.exists(mark(d.name())), "the reboot's note used up");
        assertThat(pid(d)).as("the same QEMU").isEqualTo(pid);
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        // and a shutdown from there now ends QEMU, reported here as a shutdown
        inOtherProcess("shutdown", d.name());
        eventually(() -> d.state().state() == DomainState.SHUTOFF, "the shutdown");
        assertThat(d.state().reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(guest.boots()).isEqualTo(2);
        FaultChecks.nothingLeft(d.name());
    }

    /**
     * The process that reboots holds the monitor and exits at once: the guest powers off while
     * it still listens or after it is gone; either way the domain is running again, rebooted,
     * once a connection has attached it.
     */
    @Test
    void aRebootThatNobodyWatchedToItsEndIsFinishedByTheNextConnection() throws Exception {
        Domain defined = booted("rbtalone");
        String name = defined.name();
        long pid = pid(defined);
        conn.close(); // nobody holds the monitor
        inOtherProcess("reboot", name);
        System.out.println("boots when the rebooting process had exited: " + guest.boots());
        conn = QemuTestEnv.connect();
        Domain d = conn.lookupByName(name);
        d.state(); // a state query (or the first job) takes the free monitor: the connection attaches
        guest.awaitBoots(2);
        eventually(() -> !Files.exists(mark(name)), "the reboot's note used up");
        assertThat(pid(d)).isEqualTo(pid);
        eventually(() -> d.state().state() == DomainState.RUNNING, "running");
        assertThat(FaultChecks.consistent(d)).isEqualTo(FaultChecks.Outcome.RUNNING);
    }

    /** The same for a shutdown: QEMU ends (by the process that asked, or at the next attach), nothing is left. */
    @Test
    void aShutdownThatNobodyWatchedToItsEndIsFinishedByTheNextConnection() throws Exception {
        Domain defined = booted("shdalone");
        String name = defined.name();
        conn.close();
        inOtherProcess("shutdown", name);
        conn = QemuTestEnv.connect();
        // a connection takes a running domain's monitor at its first job on it, or at once when it
        // listens for events (docs/qemu.md): here it listens
        conn.events().subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(org.jvirt.event.DomainEvent e) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        Domain d = conn.lookupByName(name);
        eventually(() -> d.state().state() == DomainState.SHUTOFF, "shut off");
        eventually(() -> FaultChecks.qemuPids(name).isEmpty(), "QEMU gone");
        FaultChecks.nothingLeft(name);
        assertThat(guest.boots()).isEqualTo(1);
    }

    /** The domain's second monitor, as a process that ended in the middle of a job had used it. */
    private static QmpClient jobsMonitor(String name) {
        return QmpClient.connect(QemuTestEnv.ROOT.resolve("run/" + name + ".d/jobs.sock"), Duration.ofSeconds(5),
                Duration.ofSeconds(10), QmpListener.NONE);
    }

    private static String status(QmpClient q) {
        return q.execute("query-status").path("status").asText();
    }

    /** Writes the note of a reboot of {@code name}'s QEMU whose reset is done (what the holder writes after system_reset). */
    private void noteResetDone(String name) throws Exception {
        DomainStatus s = new StatusStore(QemuTestEnv.ROOT.resolve("run")).load(name).orElseThrow();
        Files.writeString(mark(name), s.pid() + " " + s.startTime() + " reset\n");
    }

    /**
     * The process that held the monitor ended in the middle of a reboot, after its reset and
     * before its cont (QEMU in prelaunch, the note in phase "reset"): the next connection
     * continues the guest, which boots again, and uses the note up.
     */
    @Test
    void aRebootLeftAfterItsResetIsContinuedByTheNextConnection() throws Exception {
        Domain defined = booted("rbtreset");
        String name = defined.name();
        long pid = pid(defined);
        conn.close();
        try (QmpClient q = jobsMonitor(name)) {
            q.execute("system_powerdown");
            eventually(() -> status(q).equals("shutdown"), "the guest powered off");
            q.execute("system_reset");
            assertThat(status(q)).isEqualTo("prelaunch");
        }
        noteResetDone(name);
        conn = QemuTestEnv.connect();
        Domain d = conn.lookupByName(name);
        d.state();
        guest.awaitBoots(2);
        eventually(() -> !Files.exists(mark(name)), "the reboot's note used up");
        assertThat(pid(d)).isEqualTo(pid);
        eventually(() -> d.state().state() == DomainState.RUNNING, "running");
    }

    /**
     * The holder ended after the reboot's cont and before deleting the note: the guest runs
     * rebooted beside a note in phase "reset". Its next power-off is its own, not the reboot
     * again, both when nobody holds the monitor then (the next connection ends QEMU) and when
     * the holder hears it.
     */
    @Test
    void aPowerOffAfterARebootWhoseNoteOutlivedItIsAShutdown() throws Exception {
        Domain defined = booted("rbtdone");
        String name = defined.name();
        conn.close();
        noteResetDone(name);
        try (QmpClient q = jobsMonitor(name)) {
            q.execute("system_powerdown"); // the guest's own power-off (no reboot asked for)
            eventually(() -> status(q).equals("shutdown"), "the guest powered off");
        }
        conn = QemuTestEnv.connect();
        Domain d = conn.lookupByName(name);
        eventually(() -> d.state().state() == DomainState.SHUTOFF, "shut off");
        assertThat(d.state().reason()).isEqualTo(StateReason.SHUTDOWN);
        eventually(() -> FaultChecks.qemuPids(name).isEmpty(), "QEMU gone");
        FaultChecks.nothingLeft(name);
        assertThat(guest.boots()).isEqualTo(1);

        d.start(); // this connection holds the monitor and hears the power-off itself
        guest.awaitBoots(2);
        noteResetDone(name);
        try (QmpClient q = jobsMonitor(name)) {
            q.execute("system_powerdown");
        }
        eventually(() -> d.state().state() == DomainState.SHUTOFF, "shut off");
        assertThat(d.state().reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(guest.boots()).isEqualTo(2);
        eventually(() -> FaultChecks.qemuPids(name).isEmpty(), "QEMU gone");
        FaultChecks.nothingLeft(name);
    }
}
