package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.VirtException;

class RealProcessLauncherTest {
    @TempDir
    Path tmp;

    private final RealProcessLauncher launcher = new RealProcessLauncher();

    /** {@code argv} with the JVM's environment and working directory. */
    private static LaunchSpec spec(List<String> argv, Path log) {
        return new LaunchSpec(argv, Map.of(), true, Optional.empty(), log);
    }

    @Test
    void runsWithCleanEnvWorkDirAndAppendsOutput() throws Exception {
        Path log = tmp.resolve("d.log");
        Files.writeString(log, "previous\n");
        LaunchSpec spec = new LaunchSpec(List.of("/bin/sh", "-c", "echo out $FOO $HOME; pwd; echo err >&2; read x; "
                + "echo read=$?"), Map.of("FOO", "bar"), false, Optional.of(tmp), log);
        LaunchedProcess p = launcher.start(spec);
        assertThat(p.pid()).isPositive();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(log)).isEqualTo("previous\nout bar\n" + tmp.toRealPath() + "\nerr\nread=1\n");
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void newLogIsPrivate() throws Exception {
        Path log = tmp.resolve("new.log");
        launcher.start(spec(List.of("/bin/true"), log)).waitFor();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void signalsAndTimeouts() {
        LaunchedProcess p = launcher.start(spec(List.of("/bin/sleep", "30"), tmp.resolve("s.log")));
        assertThat(p.waitFor(Duration.ofMillis(50))).isEmpty();
        assertThat(launcher.send(p.pid(), Signal.TERM)).isTrue();
        assertThat(p.waitFor(Duration.ofSeconds(10))).hasValue(143);
        assertThat(p.onExit().join()).isEqualTo(143);
        assertThat(launcher.send(p.pid(), Signal.KILL)).isFalse(); // reaped: ESRCH
    }

    @Test
    void missingProgramIsAnError() {
        assertThatThrownBy(() -> launcher.start(spec(List.of("/nonexistent/qemu"), tmp.resolve("x.log"))))
                .isInstanceOf(VirtException.class).hasMessageStartingWith("cannot start /nonexistent/qemu: ");
        assertThatThrownBy(() -> spec(List.of(), tmp.resolve("x.log"))).isInstanceOf(VirtException.class);
        assertThatThrownBy(() -> new JnaSignaller().send(0, Signal.KILL)).hasMessageContaining("not a process id");
    }
}
