package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvirt.StateReason;

class ExitStatusTest {
    @Test
    void unshareStatusesAsObserved() {
        assertThat(ExitStatus.of(129)).isEqualTo(ExitStatus.REBOOT);
        assertThat(ExitStatus.of(130)).isEqualTo(ExitStatus.SHUTDOWN);
        assertThat(ExitStatus.of(0)).isEqualTo(ExitStatus.SHUTDOWN);
        assertThat(ExitStatus.of(1)).isEqualTo(ExitStatus.CRASHED);
        assertThat(ExitStatus.of(125)).isEqualTo(ExitStatus.CRASHED);
        assertThat(ExitStatus.of(137)).isEqualTo(ExitStatus.CRASHED);
        assertThat(ExitStatus.SHUTDOWN.reason()).isEqualTo(StateReason.SHUTDOWN);
        assertThat(ExitStatus.CRASHED.reason()).isEqualTo(StateReason.CRASHED);
    }
}
