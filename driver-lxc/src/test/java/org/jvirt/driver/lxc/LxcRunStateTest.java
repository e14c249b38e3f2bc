package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.jvirt.driver.lxc.LxcRunState.Event;

/** Every transition of a container's run state, as a table: one row per state, one column per event. */
class LxcRunStateTest {
    private static final List<Event> COLUMNS = List.of(Event.SUSPENDED, Event.RESUMED, Event.STOP_ASKED,
            Event.STOP_ABANDONED, Event.EXITED, Event.RESTARTED);

    private static final String TABLE = """
            # state    SUSPENDED  RESUMED   STOP_ASKED  STOP_ABANDONED  EXITED   RESTARTED
            RUNNING    PAUSED     RUNNING   STOPPING    RUNNING         STOPPED  RUNNING
            PAUSED     PAUSED     RUNNING   STOPPING    PAUSED          STOPPED  RUNNING
            STOPPING   STOPPING   STOPPING  STOPPING    RUNNING         STOPPED  RUNNING
            STOPPED    STOPPED    STOPPED   STOPPING    STOPPED         STOPPED  RUNNING
            """;

    @Test
    void everyStateAndEvent() {
        Set<LxcRunState> rows = TABLE.lines().filter(l -> !l.startsWith("#")).map(l -> {
            String[] cells = l.trim().split("\\s+");
            LxcRunState state = LxcRunState.valueOf(cells[0]);
            for (int i = 0; i < COLUMNS.size(); i++) {
                assertThat(LxcRunState.transition(state, COLUMNS.get(i))).as("%s on %s", state, COLUMNS.get(i))
                        .isEqualTo(LxcRunState.valueOf(cells[i + 1]));
            }
            return state;
        }).collect(Collectors.toSet());
        assertThat(rows).containsExactlyInAnyOrder(LxcRunState.values());
        assertThat(COLUMNS).containsExactlyInAnyOrder(Event.values());
    }

    /** A reboot of a paused container: the stop, the new instance, frozen again. */
    @Test
    void aRebootOfAPausedContainerEndsPaused() {
        LxcRunState s = LxcRunState.PAUSED;
        s = LxcRunState.transition(s, Event.STOP_ASKED);
        assertThat(s.reportsExit()).as("the old init's end is the reboot's").isFalse();
        s = LxcRunState.transition(s, Event.EXITED);
        s = LxcRunState.transition(s, Event.RESTARTED);
        assertThat(LxcRunState.transition(s, Event.SUSPENDED)).isEqualTo(LxcRunState.PAUSED);
    }

    @Test
    void onlyARunningOrPausedContainersEndIsItsOwn() {
        assertThat(Arrays.stream(LxcRunState.values()).filter(LxcRunState::reportsExit))
                .containsExactlyInAnyOrder(LxcRunState.RUNNING, LxcRunState.PAUSED);
    }
}
