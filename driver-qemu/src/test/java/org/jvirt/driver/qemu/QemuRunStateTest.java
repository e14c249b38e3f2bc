package org.jvirt.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.jvirt.StateReason;
import org.jvirt.driver.qemu.QemuRunState.Event;

/** Every transition of a QEMU's run state, as a table: one row per state, one column per event. */
class QemuRunStateTest {
    private static final List<Event> COLUMNS = List.of(Event.REBOOT_ASKED, Event.GUEST_SHUTDOWN, Event.RESUMED,
            Event.STOP_ASKED, Event.STOP_ABANDONED, Event.MONITOR_CLOSED, Event.CLEANED);

    private static final String TABLE = """
            # state         REBOOT_ASKED  GUEST_SHUTDOWN  RESUMED    STOP_ASKED  STOP_ABANDONED  MONITOR_CLOSED  CLEANED
            RUNNING         REBOOTING     SHUTTING_DOWN   RUNNING    STOPPING    RUNNING         CRASHED         GONE
            REBOOTING       REBOOTING     RESETTING       REBOOTING  STOPPING    REBOOTING       CRASHED         GONE
            RESETTING       REBOOTING     SHUTTING_DOWN   RUNNING    STOPPING    RESETTING       CRASHED         GONE
            SHUTTING_DOWN   SHUTTING_DOWN SHUTTING_DOWN   SHUTTING_DOWN STOPPING SHUTTING_DOWN   SHUT_DOWN       GONE
            STOPPING        STOPPING      STOPPING        STOPPING   STOPPING    RUNNING         STOPPING        GONE
            SHUT_DOWN       SHUT_DOWN     SHUT_DOWN       SHUT_DOWN  SHUT_DOWN   SHUT_DOWN       SHUT_DOWN       GONE
            CRASHED         CRASHED       CRASHED         CRASHED    CRASHED     CRASHED         CRASHED         GONE
            GONE            GONE          GONE            GONE       GONE        GONE            GONE            GONE
            """;

    @Test
    void everyStateAndEvent() {
        Set<QemuRunState> rows = TABLE.lines().filter(l -> !l.startsWith("#")).map(l -> {
            String[] cells = l.trim().split("\\s+");
            QemuRunState state = QemuRunState.valueOf(cells[0]);
            for (int i = 0; i < COLUMNS.size(); i++) {
                assertThat(QemuRunState.transition(state, COLUMNS.get(i))).as("%s on %s", state, COLUMNS.get(i))
                        .isEqualTo(QemuRunState.valueOf(cells[i + 1]));
            }
            return state;
        }).collect(Collectors.toSet());
        assertThat(rows).containsExactlyInAnyOrder(QemuRunState.values());
        assertThat(COLUMNS).containsExactlyInAnyOrder(Event.values());
    }

    /** A reboot: system_powerdown, the guest's SHUTDOWN, system_reset and cont, its RESUME. */
    @Test
    void aRebootComesBackToRunningWithoutReportingItsPauses() {
        QemuRunState s = QemuRunState.RUNNING;
        s = QemuRunState.transition(s, Event.REBOOT_ASKED);
        s = QemuRunState.transition(s, Event.GUEST_SHUTDOWN);
        assertThat(s).isEqualTo(QemuRunState.RESETTING);
        assertThat(s.reportsPauses()).as("the reset's STOP and RESUME are the reboot's").isFalse();
        assertThat(QemuRunState.transition(s, Event.RESUMED)).isEqualTo(QemuRunState.RUNNING);
    }

    @Test
    void onlyAnEndNobodyAskedForIsReportedAndWithItsReason() {
        assertThat(Arrays.stream(QemuRunState.values()).filter(QemuRunState::endedByItself))
                .containsExactlyInAnyOrder(QemuRunState.SHUT_DOWN, QemuRunState.CRASHED);
        assertThat(QemuRunState.SHUT_DOWN.stopReason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(QemuRunState.CRASHED.stopReason()).isEqualTo(StateReason.CRASHED);
        assertThat(Arrays.stream(QemuRunState.values()).filter(s -> !s.reportsPauses()))
                .containsExactlyInAnyOrder(QemuRunState.RESETTING, QemuRunState.SHUTTING_DOWN);
    }
}
