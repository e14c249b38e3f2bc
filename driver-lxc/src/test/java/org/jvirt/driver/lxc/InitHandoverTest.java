package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** Which command lines of a container's PID 1 still come before its init. */
class InitHandoverTest {
    private final InitSpec spec = InitCommandTest.spec(false, true, OptionalInt.of(0), List.of(), Optional.empty());
    private final List<String> waiting = InitCommand.waitingStep(spec);

    @Test
    void theWaitingShellAndAnExecInProgressComeBeforeTheInit() {
        assertThat(InitHandover.beforeInit(List.of(), waiting)).as("exec in progress").isTrue();
        assertThat(InitHandover.beforeInit(waiting, waiting)).as("the waiting shell").isTrue();
    }

    @Test
    void anythingElseIsTheInitHoweverItIsRun() {
        assertThat(InitHandover.beforeInit(List.of("/bin/sh", "-c", "sleep 1000"), waiting)).isFalse();
        assertThat(InitHandover.beforeInit(List.of("sh", "-c", "sleep 1000"), waiting)).as("found in PATH").isFalse();
        assertThat(InitHandover.beforeInit(List.of("/bin/sh", "/sbin/init.sh", "--verbose"), waiting))
                .as("a script run by its interpreter").isFalse();
        assertThat(InitHandover.beforeInit(waiting.subList(0, waiting.size() - 1), waiting))
                .as("a shell that looks like it").isFalse();
    }
}
