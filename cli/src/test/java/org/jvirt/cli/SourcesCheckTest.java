package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvirsh waits for the launcher's verdict on its sources ({@link SourcesCheck}): nothing (no
 * source newer than the jar) runs the command; a file named runs nothing but the launcher again,
 * asked to build first, with the same arguments, and exits with its status.
 */
class SourcesCheckTest {
    @TempDir
    Path tmp;

    record Run(String stdout, int status) {
    }

    private Run jvirsh(String verdict, String... args) throws Exception {
        Path verdictFile = tmp.resolve("verdict");
        Files.writeString(verdictFile, verdict);
        Path launcher = tmp.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\necho \"launcher: build=$JVIRSH_BUILD_FIRST verdict=${JVIRSH_SOURCES:-none}"
                + " args: $*\"\nexit 7\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(Map.of(SourcesCheck.VERDICT, verdictFile.toString(),
                SourcesCheck.LAUNCHER, launcher.toString()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(out, p.exitValue());
    }

    @Test
    void aCurrentJarRunsTheCommand() throws Exception {
        Run r = jvirsh("", "-c", "test:///default", "domstate test");
        assertThat(r.stdout()).isEqualTo("running\n\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void aStaleJarRunsTheLauncherAgainToBuildFirst() throws Exception {
        Run r = jvirsh("/src/cli/src/main/java/Edited.java\n", "-c", "test:///default", "domstate test");
        assertThat(r.stdout()).isEqualTo("launcher: build=1 verdict=none args: -c test:///default domstate test\n");
        assertThat(r.status()).isEqualTo(7);
    }

    @Test
    void noVerdictRunsTheCommand() {
        assertThat(SourcesCheck.current(Map.of())).isTrue();
        assertThat(SourcesCheck.current(Map.of(SourcesCheck.VERDICT, tmp.resolve("none").toString(),
                SourcesCheck.LAUNCHER, "/bin/false"))).as("an unreadable verdict").isTrue();
    }
}
