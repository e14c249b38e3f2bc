package org.jvirt.driver.lxc.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device program on a real cgroup v2 group (on a hybrid host the cgroup2 tree beside the v1
 * hierarchies, where cgroup BPF works as on a pure v2 host): a process in the group may open and
 * mknod the allowed character devices only; the same operations succeed outside it.
 */
class CgroupDeviceProgramRealTest {
    private static final String PREFIX = "jvit-bpf-";
    private static final List<String> RULES = List.of("c 1:3 rwm", "c 1:5 rwm", "c 136:* rwm"); // not /dev/full (1:7)
    private static Path cgroup2;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findCgroup2() throws IOException {
        Optional<Path> found = Optional.empty();
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"));
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" - ");
            if (f.length == 2 && f[1].startsWith("cgroup2 ")) {
                found = Optional.of(Path.of(f[0].split(" ")[4]));
                break;
            }
        }
        String missing = !root ? "root" : found.isEmpty() ? "a cgroup2 mount" : null;
        if (missing != null) {
            String why = "the cgroup device program test needs " + missing;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI=true: not skipped)");
            }
            Assumptions.assumeTrue(false, why);
        }
        cgroup2 = found.get();
        sweep();
    }

    @AfterAll
    static void sweep() throws IOException {
        if (cgroup2 == null) {
            return;
        }
        try (Stream<Path> s = Files.list(cgroup2)) {
            for (Path d : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                for (String pid : Files.readAllLines(d.resolve("cgroup.procs"))) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
                for (int i = 0; i < 100 && !Files.readString(d.resolve("cgroup.procs")).isBlank(); i++) {
                    sleep();
                }
                Files.delete(d);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the probe in {@code group} (or where this JVM is, when null): one line per attempt. */
    private String probe(Path group) throws Exception {
        String join = group == null ? "" : "echo $$ > '" + group.resolve("cgroup.procs") + "' || exit 9; ";
        String script = join + String.join("; ",
                "head -c1 /dev/zero >/dev/null 2>&1 && echo zero: read || echo zero: refused",
                "(: > /dev/full) 2>/dev/null && echo full: opened || echo full: refused",
                "mknod '" + tmp.resolve("c") + "' c 1 3 2>/dev/null && echo mknod char: made || echo mknod char: refused",
                "mknod '" + tmp.resolve("b") + "' b 7 0 2>/dev/null && echo mknod block: made "
                        + "|| echo mknod block: refused",
                "rm -f '" + tmp.resolve("c") + "' '" + tmp.resolve("b") + "'");
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aProcessInTheGroupGetsOnlyTheAllowedDevices() throws Exception {
        assertThat(probe(null)).as("outside the group everything works (so the test can fail)")
                .contains("zero: read", "full: opened", "mknod char: made", "mknod block: made");
        Path group = Files.createDirectory(cgroup2.resolve(PREFIX + ProcessHandle.current().pid()));
        try {
            new JnaCgroupDevicePrograms().attach(group, RULES);
            String out = probe(group);
            assertThat(out).contains("zero: read", "mknod char: made")
                    .contains("full: refused", "mknod block: refused");
        } finally {
            sweep();
        }
    }

    @Test
    void aBadGroupIsAClearError() {
        List<String> none = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JnaCgroupDevicePrograms()
                .attach(cgroup2.resolve(PREFIX + "nosuch"), none))
                .hasMessageContaining("cannot apply the device rules to cgroup " + cgroup2.resolve(PREFIX + "nosuch"));
    }
}
