package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.DestroyOptions;
import org.jvirt.DomainState;
import org.jvirt.StartOptions;
import org.jvirt.StateReason;
import org.jvirt.contract.EventRecorder;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.linux.RecordingSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.state.StatusStore;
import org.jvirt.xml.DomainStatus;

/**
 * How one connection reconciles what QEMU reports with what it asked for (QemuExits, the run
 * state): a guest's shutdown ends QEMU and is a shutdown; QEMU going away by itself is a crash;
 * its own stop and cont are not someone else's pause; a reboot's reset is no pause and no stop;
 * a destroy is no crash. On a fake host, without root or QEMU.
 */
class QemuExitsTest {
    private static final String GUEST_SHUTDOWN = "{\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, "
            + "\"reason\": \"guest-shutdown\"}, \"timestamp\": {\"seconds\": 1, \"microseconds\": 0}}";
    private static final String STOP = "{\"event\": \"STOP\", \"timestamp\": {\"seconds\": 1, \"microseconds\": 0}}";
    private static final String RESUME = "{\"event\": \"RESUME\", \"timestamp\": {\"seconds\": 1, \"microseconds\": 0}}";

    @TempDir
    Path tmp;

    private FakeQemuHost host;
    private QemuConnection conn;
    private final EventRecorder events = new EventRecorder();
    private UUID uuid;

    @BeforeEach
    void start() {
        host = new FakeQemuHost(tmp);
        conn = host.open();
        host.events.publisher().subscribe(events);
        uuid = conn.domains().define(FakeQemuHost.xml("vm", "<vcpu current='2'>4</vcpu>", "")).domain().uuid();
        conn.domains().start(uuid, StartOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private DomainEvent await(Class<? extends DomainEvent> kind) throws InterruptedException {
        return events.await(kind::isInstance, Duration.ofSeconds(10));
    }

    private static void eventually(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private void assertNothingLeft() {
        assertThat(host.file("cpuset", FakeQemuHost.group("vm", ""), "")).doesNotExist();
        assertThat(host.settings.stateDir().resolve("vm.d")).doesNotExist();
        assertThat(new StatusStore(host.settings.stateDir()).load("vm")).isEmpty();
    }

    @Test
    void aGuestsShutdownEndsQemuAndIsAShutdown() throws Exception {
        long pid = host.qemu().pid();
        host.monitor().emit(GUEST_SHUTDOWN);
        DomainEvent.Stopped stop = (DomainEvent.Stopped) await(DomainEvent.Stopped.class);
        assertThat(stop.reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(host.launcher.signals()).contains(new RecordingSignaller.Sent(pid, Signal.TERM));
        assertThat(conn.domains().state(uuid).reason()).isEqualTo(StateReason.SHUTDOWN);
        assertNothingLeft();
    }

    @Test
    void aQemuThatGoesAwayByItselfIsACrash() throws Exception {
        host.qemu().exit(139);
        DomainEvent.Stopped stop = (DomainEvent.Stopped) await(DomainEvent.Stopped.class);
        assertThat(stop.reason()).isEqualTo(StateReason.CRASHED);
        await(DomainEvent.Crashed.class);
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.SHUTOFF);
        assertNothingLeft();
    }

    /** Killed while no jvirt process watched it: the next connection finds it crashed (as libvirt's reconnect does). */
    @Test
    void aQemuGoneWhileNobodyWatchedIsFoundCrashedByTheNextConnection() throws Exception {
        conn.close();
        host.qemu().exit(137);
        conn = host.open();
        assertThat(conn.domains().state(uuid)).extracting(s -> s.state(), s -> s.reason())
                .containsExactly(DomainState.SHUTOFF, StateReason.CRASHED);
        assertNothingLeft();
        conn.domains().start(uuid, StartOptions.DEFAULT);
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
    }

    /** Another jvirt process may have started the domain anew meanwhile: what it made stays. */
    @Test
    void aCrashLeavesWhatAnotherProcessStartedSinceAlone() throws Exception {
        StatusStore statuses = new StatusStore(host.settings.stateDir());
        DomainStatus ours = statuses.load("vm").orElseThrow();
        statuses.save(new DomainStatus(ours.state(), ours.reason(), ours.id(), ours.live(), 99_999, 1,
                ours.numadNodes(), ours.attributes()));
        host.qemu().exit(139);
        assertThat(((DomainEvent.Stopped) await(DomainEvent.Stopped.class)).reason()).isEqualTo(StateReason.CRASHED);
        assertThat(statuses.load("vm").orElseThrow().pid()).isEqualTo(99_999);
        assertThat(host.file("cpuset", FakeQemuHost.group("vm", ""), "")).exists();
    }

    @Test
    void ownPausesAreNotReportedTwiceAndOthersAreFollowed() throws Exception {
        conn.domains().suspend(uuid); // the script answers stop with a STOP event: this process's own
        await(DomainEvent.Suspended.class);
        host.monitor().emit(RESUME); // someone else's cont, through the jobs monitor
        await(DomainEvent.Resumed.class);
        assertThat(conn.domains().state(uuid)).extracting(s -> s.state(), s -> s.reason())
                .containsExactly(DomainState.RUNNING, StateReason.UNPAUSED);
        host.monitor().emit(STOP);
        await(DomainEvent.Suspended.class);
        assertThat(conn.domains().state(uuid)).extracting(s -> s.state(), s -> s.reason())
                .containsExactly(DomainState.PAUSED, StateReason.UNKNOWN);
        conn.domains().resume(uuid);
        await(DomainEvent.Resumed.class);
        assertThatThrownBy(() -> events.await(DomainEvent.Suspended.class::isInstance, Duration.ofMillis(300)))
                .as("no echo of the own stop or cont").isInstanceOf(AssertionError.class);
    }

    @Test
    void aRebootResetsTheGuestWithoutAPauseOrAStop() throws Exception {
        conn.domains().reboot(uuid);
        assertThat(host.monitor().commands()).endsWith("system_powerdown");
        // the guest powers off and -no-shutdown pauses QEMU: both before any reply to the reset
        host.monitor().emit(GUEST_SHUTDOWN + "\r\n" + STOP);
        eventually(() -> host.monitor().commands().contains("system_reset"), "the reset");
        eventually(() -> host.monitor().commands().stream().filter("cont"::equals).count() == 2, "the cont");
        Thread.sleep(200); // the cont's RESUME (scripted) ends the reset
        assertThat(host.qemu().isAlive()).isTrue();
        assertThat(host.launcher.signals()).isEmpty();
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        assertThatThrownBy(() -> events.await(e -> e instanceof DomainEvent.Suspended || e instanceof DomainEvent.Stopped,
                Duration.ofMillis(300))).isInstanceOf(AssertionError.class);
        host.monitor().emit(STOP); // after the reset's RESUME: someone else's pause again
        await(DomainEvent.Suspended.class);
    }

    /**
     * A reboot asked for by another process (through its second monitor) is noted in the domain's
     * directory: the guest's power-off then resets it here too, and the note is used up.
     */
    @Test
    void aRebootAskedByAnotherProcessIsFinishedByTheHolder() throws Exception {
        DomainStatus status = new StatusStore(host.settings.stateDir()).load("vm").orElseThrow();
        Path mark = host.settings.stateDir().resolve("vm.d/reboot");
        java.nio.file.Files.writeString(mark, status.pid() + " " + status.startTime() + "\n");
        host.monitor().emit(GUEST_SHUTDOWN + "\r\n" + STOP);
        eventually(() -> host.monitor().commands().contains("system_reset"), "the reset");
        eventually(() -> host.monitor().commands().stream().filter("cont"::equals).count() == 2, "the cont");
        eventually(() -> !java.nio.file.Files.exists(mark), "the note used up");
        assertThat(host.launcher.signals()).isEmpty();
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        host.monitor().emit(GUEST_SHUTDOWN); // the next power-off is a shutdown again
        assertThat(((DomainEvent.Stopped) await(DomainEvent.Stopped.class)).reason()).isEqualTo(StateReason.SHUTDOWN);
    }

    /**
     * The process that asked for a reboot ended before the guest powered off, and the guest
     * powers off while the next connection attaches the monitor: after QEMU answered the attach's
     * status ("running"), before the attach is over. The power-off waits for the attach and then
     * finishes the reboot (QemuRebootIT saw it lost: the event's handler ran before the attach had
     * set the monitor, and failed).
     */
    @Test
    void aPowerOffDuringTheNextConnectionsAttachFinishesTheRebootAskedFor() throws Exception {
        DomainStatus status = new StatusStore(host.settings.stateDir()).load("vm").orElseThrow();
        conn.close();
        Path mark = host.settings.stateDir().resolve("vm.d/reboot");
        java.nio.file.Files.writeString(mark, status.pid() + " " + status.startTime() + "\n");
        host.monitor().on("query-status", "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
                + "\"running\": true}}");
        long queriesBefore = host.monitor().commands().stream().filter("query-cpus-fast"::equals).count();
        host.monitor().hold("query-cpus-fast"); // the attach's last answer
        conn = host.open();
        QemuConnection attaching = conn;
        java.util.concurrent.CompletableFuture<DomainState> state = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> attaching.domains().state(uuid).state());
        eventually(() -> host.monitor().commands().stream().filter("query-cpus-fast"::equals).count() > queriesBefore,
                "the attach's queries");
        host.monitor().emit(GUEST_SHUTDOWN + "\r\n" + STOP);
        Thread.sleep(200); // time for the events' handler to run before the attach is over (as it did)
        host.monitor().release("query-cpus-fast");
        assertThat(state.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(DomainState.RUNNING);
        eventually(() -> host.monitor().commands().contains("system_reset"), "the reset");
        eventually(() -> !java.nio.file.Files.exists(mark), "the note used up");
        assertThat(host.launcher.signals()).isEmpty();
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
    }

    /** A note of another QEMU (this domain's earlier run) asks for nothing; a shutdown after a reboot cancels it. */
    @Test
    void aShutdownAfterARebootAndAStaleNoteEndQemu() throws Exception {
        Path mark = host.settings.stateDir().resolve("vm.d/reboot");
        java.nio.file.Files.writeString(mark, "1 1\n");
        conn.domains().shutdown(uuid);
        assertThat(mark).doesNotExist();
        conn.domains().reboot(uuid);
        assertThat(mark).exists();
        conn.domains().shutdown(uuid);
        assertThat(mark).doesNotExist();
        java.nio.file.Files.writeString(mark, "1 1\n");
        host.monitor().emit(GUEST_SHUTDOWN);
        assertThat(((DomainEvent.Stopped) await(DomainEvent.Stopped.class)).reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(host.monitor().commands()).doesNotContain("system_reset");
        assertNothingLeft();
    }

    /** The note of a reboot whose reset succeeded: "PID START reset" (RebootMark's phase RESET). */
    private Path noteResetDone() throws Exception {
        DomainStatus status = new StatusStore(host.settings.stateDir()).load("vm").orElseThrow();
        Path mark = host.settings.stateDir().resolve("vm.d/reboot");
        java.nio.file.Files.writeString(mark, status.pid() + " " + status.startTime() + " reset\n");
        return mark;
    }

    /** The next connection, attached by a state query, with QEMU answering query-status with {@code status}. */
    private void reopenWithQemuIn(String status) {
        conn.close();
        host.monitor().on("query-status", "{\"return\": {\"status\": \"" + status + "\", \"singlestep\": false, "
                + "\"running\": " + status.equals("running") + "}}");
        conn = host.open();
        conn.domains().state(uuid);
    }

    /** The holder writes the reset's phase into the note before its cont, so a later process knows the reset is done. */
    @Test
    void aRebootNotesItsResetBeforeItsCont() throws Exception {
        conn.domains().reboot(uuid);
        Path mark = host.settings.stateDir().resolve("vm.d/reboot");
        host.monitor().silence("cont"); // the holder is stuck (or ends) between the reset and the cont
        host.monitor().emit(GUEST_SHUTDOWN + "\r\n" + STOP);
        eventually(() -> host.monitor().commands().stream().filter("cont"::equals).count() == 2, "the cont sent");
        assertThat(java.nio.file.Files.readString(mark)).endsWith(" reset\n");
    }

    /** The holder ended after the reboot's reset, before its cont: the next connection continues QEMU. */
    @Test
    void aRebootLeftResetIsContinuedByTheNextConnection() throws Exception {
        Path mark = noteResetDone();
        int before = host.monitor().commands().size();
        reopenWithQemuIn("prelaunch");
        eventually(() -> !java.nio.file.Files.exists(mark), "the note used up");
        List<String> sent = host.monitor().commands().subList(before, host.monitor().commands().size());
        assertThat(sent).contains("cont").doesNotContain("system_reset");
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        assertThat(host.launcher.signals()).isEmpty();
    }

    /**
     * The holder ended after the reboot's cont, before deleting the note: the next connection
     * deletes it, and the guest's next power-off is a shutdown, not the reboot again.
     */
    @Test
    void theNoteOfARebootDoneIsDeletedAndTheNextPowerOffIsAShutdown() throws Exception {
        Path mark = noteResetDone();
        reopenWithQemuIn("running");
        assertThat(mark).doesNotExist();
        host.monitor().emit(GUEST_SHUTDOWN);
        assertThat(((DomainEvent.Stopped) await(DomainEvent.Stopped.class)).reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(host.monitor().commands()).doesNotContain("system_reset");
    }

    /** A guest that powered off unheard after a reboot whose note outlived it: a shutdown, with the note gone. */
    @Test
    void aPowerOffAfterARebootDoneIsAShutdownAlsoWhenNobodyHeardIt() throws Exception {
        long pid = host.qemu().pid();
        noteResetDone();
        reopenWithQemuIn("shutdown");
        assertThat(host.launcher.signals()).contains(new RecordingSignaller.Sent(pid, Signal.TERM));
        assertThat(((DomainEvent.Stopped) await(DomainEvent.Stopped.class)).reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(host.monitor().commands()).doesNotContain("system_reset");
        assertNothingLeft();
    }

    /** The holder hears the power-off with a note of a reboot done beside it: the guest's own shutdown. */
    @Test
    void theHolderTakesAPowerOffBesideANoteOfARebootDoneForAShutdown() throws Exception {
        Path mark = noteResetDone();
        host.monitor().emit(GUEST_SHUTDOWN);
        assertThat(((DomainEvent.Stopped) await(DomainEvent.Stopped.class)).reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(host.monitor().commands()).doesNotContain("system_reset");
        assertThat(mark).doesNotExist();
    }

    @Test
    void aDestroyIsNotACrash() throws Exception {
        conn.domains().destroy(uuid, DestroyOptions.DEFAULT);
        DomainEvent.Stopped stop = (DomainEvent.Stopped) await(DomainEvent.Stopped.class);
        assertThat(stop.reason()).isEqualTo(StateReason.DESTROYED);
        assertThatThrownBy(() -> events.await(DomainEvent.Crashed.class::isInstance, Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class);
        assertNothingLeft();
    }

    @Test
    void aGracefulDestroyThatTimesOutLeavesQemuRunningAndADestroyEndsIt() throws Exception {
        host.qemu().ignore(Signal.TERM);
        assertThatThrownBy(() -> conn.domains().destroy(uuid, DestroyOptions.GRACEFUL))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
        assertThat(conn.domains().state(uuid).state()).isEqualTo(DomainState.RUNNING);
        assertThat(host.qemu().isAlive()).isTrue();
        conn.domains().destroy(uuid, DestroyOptions.DEFAULT); // SIGTERM, then SIGKILL after the grace
        assertThat(host.launcher.signals()).extracting(RecordingSignaller.Sent::signal).contains(Signal.KILL);
        assertThat(conn.domains().state(uuid).reason()).isEqualTo(StateReason.DESTROYED);
        assertNothingLeft();
    }
}
