package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.host.probe.CommandResult.Outcome;

class ProcessCommandRunnerTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private static final Duration T = Duration.ofSeconds(20);

    @Test
    void capturesOutputsAndExitStatus() {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), T);
        assertThat(r.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void argumentsAreNotInterpretedByAShell() {
        CommandResult r = runner.run(List.of("/bin/echo", "$HOME", "a;b", "*"), T);
        assertThat(r.stdout()).isEqualTo("$HOME a;b *\n");
    }

    @Test
    void stdinIsClosed() {
        CommandResult r = runner.run(List.of("/bin/cat"), T);
        assertThat(r.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void missingProgram() {
        assertThat(runner.run(List.of("/nonexistent/numad", "-w", "1:1"), T).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(runner.run(List.of("no-such-program-jvirt-test"), T).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void notExecutable() {
        CommandResult r = runner.run(List.of("/etc"), T);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED_TO_START);
        assertThat(r.detail()).startsWith("/etc: ");
    }

    @Test
    void timeoutKillsTheProcessQuickly() {
        long t0 = System.nanoTime();
        CommandResult r = runner.run(List.of("/bin/sleep", "30"), Duration.ofMillis(200));
        assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(r.detail()).isEqualTo("/bin/sleep did not finish within 200 ms");
        assertThat(System.nanoTime() - t0).isLessThan(10_000_000_000L);
    }

    @Test
    void hugeOutputIsBoundedAndDoesNotBlock() {
        CommandResult r = runner.run(List.of("/usr/bin/head", "-c", "5000000", "/dev/zero"), T);
        assertThat(r.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(ProcessCommandRunner.MAX_OUTPUT_BYTES);
    }

    @Test
    void emptyCommandLine() {
        assertThat(runner.run(List.of(), T).outcome()).isEqualTo(Outcome.FAILED_TO_START);
    }
}
