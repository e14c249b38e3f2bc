package org.jvirt.driver.qemu.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.conf.ConfFile;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.error.VirtException;

/** The spawn wrapper, and qemu.conf's max_processes / max_files reaching the process. */
class QemuLauncherTest {
    @TempDir
    Path dir;

    @Test
    void limitsGoThroughPrlimitOnlyWhenSet() {
        List<String> qemu = List.of("/usr/bin/qemu-system-x86_64", "-S");
        assertThat(QemuLauncher.wrapperArgv(List.of(), qemu)).doesNotContain("/usr/bin/prlimit")
                .endsWith("/usr/bin/qemu-system-x86_64", "-S");
        assertThat(QemuLauncher.wrapperArgv(List.of(dir.resolve("cgroup.procs")), qemu, 512, 4096))
                .containsSequence("/usr/bin/prlimit", "--nproc=512", "--nofile=4096", "--",
                        "/usr/bin/qemu-system-x86_64", "-S");
        assertThat(QemuLauncher.wrapperArgv(List.of(), qemu, 0, 100)).containsSequence("/usr/bin/prlimit",
                "--nofile=100", "--");
    }

    @Test
    void theSpawnedProcessRunsWithTheLimits() throws Exception {
        Process p = QemuLauncher.spawn(List.of(), List.of("/bin/sleep", "30"), Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve("log"), 777, 1234);
        try {
            String limits = "";
            for (int i = 0; i < 100 && !limits.contains("sleep"); i++) {
                limits = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
                Thread.sleep(20);
            }
            List<String> lines = Files.readAllLines(Path.of("/proc/" + p.pid() + "/limits"));
            assertThat(lines).filteredOn(l -> l.startsWith("Max open files")).singleElement().asString()
                    .matches("Max open files\\s+1234\\s+1234\\s+files\\s*");
            assertThat(lines).filteredOn(l -> l.startsWith("Max processes")).singleElement().asString()
                    .matches("Max processes\\s+777\\s+777\\s+processes\\s*");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void qemuConfLimitsAreReadAndChecked() {
        QemuSettings s = QemuSettings.from(ConfFile.parse("max_processes = 100\nmax_files = 2048\n", "qemu.conf"));
        assertThat(s.maxProcesses()).isEqualTo(100);
        assertThat(s.maxFiles()).isEqualTo(2048);
        assertThat(QemuSettings.from(ConfFile.parse("", "qemu.conf")).maxFiles()).isZero();
        assertThatThrownBy(() -> QemuSettings.from(ConfFile.parse("max_files = -1\n", "qemu.conf")))
                .isInstanceOf(VirtException.class).hasMessageContaining("max_files must be 0 (unchanged)");
    }
}
