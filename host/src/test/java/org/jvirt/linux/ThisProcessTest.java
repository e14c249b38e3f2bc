package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThisProcessTest {
    @Test
    void isTheJdksIdOfThisProcess() {
        assertThat(ThisProcess.pid()).isEqualTo(ProcessHandle.current().pid());
    }
}
