package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** SIGTERM and SIGKILL through the JDK's process handles, the rest (and refusals) through the other signaller. */
class ProcessHandleSignallerTest {
    private final RecordingSignaller other = new RecordingSignaller();
    private final ProcessHandleSignaller signals = new ProcessHandleSignaller(other);

    private static Process sleeper() throws Exception {
        return new ProcessBuilder("sleep", "60").start();
    }

    @Test
    void termAndKillEndTheProcessThemselves() throws Exception {
        for (Signal s : new Signal[] {Signal.TERM, Signal.KILL}) {
            Process p = sleeper();
            try {
                assertThat(signals.send(p.pid(), s)).as("%s", s).isTrue();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("killed by SIG%s", s).isEqualTo(128 + s.number());
            } finally {
                p.destroyForcibly();
            }
        }
        assertThat(other.sent()).isEmpty();
    }

    @Test
    void aProcessThatIsGoneIsReportedSo() throws Exception {
        Process p = sleeper();
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(signals.send(p.pid(), Signal.TERM)).isFalse();
        assertThat(signals.send(p.pid(), Signal.KILL)).isFalse();
        assertThat(other.sent()).isEmpty();
    }

    @Test
    void otherSignalsAndThisJvmGoToTheOtherSignaller() throws Exception {
        Process p = sleeper();
        try {
            assertThat(signals.send(p.pid(), Signal.STOP)).isTrue();
            assertThat(signals.send(p.pid(), Signal.CONT)).isTrue();
            long self = ProcessHandle.current().pid();
            assertThat(signals.send(self, Signal.TERM)).isTrue(); // recorded, not sent
            assertThat(other.sent()).containsExactly(new RecordingSignaller.Sent(p.pid(), Signal.STOP),
                    new RecordingSignaller.Sent(p.pid(), Signal.CONT), new RecordingSignaller.Sent(self, Signal.TERM));
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void processGroupsAreRefused() {
        for (long pid : new long[] {0, -1, 1L << 40}) {
            assertThatThrownBy(() -> signals.send(pid, Signal.KILL)).hasMessageContaining("not a process id");
        }
        assertThat(other.sent()).isEmpty();
    }
}
