package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stage2ScriptTest {
    @TempDir
    Path dir;

    @Test
    void scriptWaitsForTheGoSignalBeforeAnyMountAndEndsWithTheStepItIsGiven() {
        String s = Stage2Script.text();
        assertThat(s).startsWith("#!/bin/sh\n");
        int go = s.indexOf("read -r line <&3");
        assertThat(go).isPositive();
        assertThat(s.indexOf("exec 3<\"$go\" 4>>\"$ready\"")).isBetween(0, go);
        assertThat(s.indexOf("mount ")).isGreaterThan(go);
        assertThat(s).contains("mount -n -a -T \"$early\"", "cp -RP \"$dev/.\" \"$stage/dev/\"",
                "mount -n -a -T \"$late\"", "unset PWD OLDPWD");
        assertThat(s.strip()).endsWith("exec \"$@\"");
        assertThat(s).doesNotContain("hostname").doesNotContain("chroot");
        // in a user namespace: the namespace's root once the maps exist
        assertThat(s.indexOf("exec setpriv --reuid=0 --regid=0")).isGreaterThan(go);
        assertThat(s.lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(120);
    }

    @Test
    void scriptIsValidShell() throws Exception {
        Path script = Stage2Script.install(dir);
        Process p = new ProcessBuilder("/bin/sh", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void badArgumentsFailWithStatus125BeforeDoingAnything() throws Exception {
        Path script = Stage2Script.install(dir);
        Process p = new ProcessBuilder(script.toString(), "only", "three", "args").redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(125);
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("ct-stage2: usage:");
    }

    @Test
    void installIsIdempotentAndReplacesAStaleCopy() throws Exception {
        Path first = Stage2Script.install(dir);
        assertThat(Files.getPosixFilePermissions(first)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        long modified = Files.getLastModifiedTime(first).toMillis();
        assertThat(Stage2Script.install(dir)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(modified);
        Files.writeString(first, "#!/bin/sh\nstale\n");
        Stage2Script.install(dir);
        assertThat(Files.readString(first)).isEqualTo(Stage2Script.text());
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).isEqualTo(List.of("ct-stage2"));
        }
    }
}
