package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When bin/jvirsh builds before it runs (docs/jvirsh.md#installing), on a copy of the launcher in
 * a tree of its own whose {@code mvn} only records that it was asked: no jar, or a jar older than
 * the launcher (a jar from before the launcher's check of the sources would never ask for a
 * build: it did not know that check), and never again once the jar is current.
 */
class LauncherRebuildTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/jvirsh");

    @TempDir
    Path root;

    private Path jar;
    private Path builds;

    private void tree(Instant launcherTime, Instant sourceTime) throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Path launcher = Files.copy(LAUNCHER, root.resolve("bin/jvirsh"));
        Files.copy(LAUNCHER.resolveSibling("jvirsh-training.bash"), root.resolve("bin/jvirsh-training.bash"));
        Files.setLastModifiedTime(launcher, FileTime.from(launcherTime));
        Path source = root.resolve("core/src/main/java/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {}\n");
        Files.setLastModifiedTime(source, FileTime.from(sourceTime));
        Path pom = Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.setLastModifiedTime(pom, FileTime.from(sourceTime));
        jar = root.resolve("cli/target/jvirsh.jar");
        Files.createDirectories(jar.getParent());
        builds = root.resolve("builds");
        // the build: noted, and the jar written as a build writes it
        Path mvn = root.resolve("fakebin/mvn");
        Files.createDirectories(mvn.getParent());
        Files.writeString(mvn, "#!/bin/sh\necho build >> " + builds + "\n: > " + jar + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
    }

    /** {@code bin/jvirsh -c test:///default} printing its JVM ({@code JVIRSH_PRINT_JVM}); the builds so far. */
    private long run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(root.resolve("bin/jvirsh").toString(), "-c", "test:///default"))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("PATH", root.resolve("fakebin") + ":" + System.getenv("PATH"));
        pb.environment().put("JVIRSH_PRINT_JVM", "1");
        pb.environment().put("JVIRSH_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("TMPDIR", root.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    @Test
    void aJarOlderThanTheLauncherIsBuiltOnceEvenWithNoNewerSource() throws Exception {
        Instant now = Instant.now();
        tree(now.minusSeconds(60), now.minusSeconds(3600));
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(600))); // before the launcher
        assertThat(run()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(jar).toInstant()).isAfter(now.minusSeconds(60));
        assertThat(run()).as("current now").isEqualTo(1);
    }

    @Test
    void aCurrentJarIsNotBuiltAndAMissingOneIs() throws Exception {
        Instant now = Instant.now();
        tree(now.minusSeconds(3600), now.minusSeconds(3600));
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(now.minusSeconds(60)));
        assertThat(run()).isZero();
        Files.delete(jar);
        assertThat(run()).isEqualTo(1);
    }
}
