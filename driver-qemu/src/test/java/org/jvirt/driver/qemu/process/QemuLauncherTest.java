package org.jvirt.driver.qemu.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvirt.linux.LaunchedProcess;
import org.jvirt.linux.RealProcessLauncher;
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
        assertThat(QemuLauncher.wrapperArgv(List.of(dir.resolve("cgroup.procs")), qemu, 512, 4096, QemuUser.ROOT))
                .containsSequence("/usr/bin/prlimit", "--nproc=512", "--nofile=4096", "--",
                        "/usr/bin/qemu-system-x86_64", "-S");
        assertThat(QemuLauncher.wrapperArgv(List.of(), qemu, 0, 100, QemuUser.ROOT)).containsSequence("/usr/bin/prlimit",
                "--nofile=100", "--");
    }

    @Test
    void theSpawnedProcessRunsWithTheLimits() throws Exception {
        LaunchedProcess p = QemuLauncher.spawn(new RealProcessLauncher(), List.of(), List.of("/bin/sleep", "30"), Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve("log"), 777, 1234, QemuUser.ROOT);
        try {
            // the wrapper's and prlimit's command lines name sleep too: wait until sleep runs itself
            String cmdline = "";
            for (int i = 0; i < 250 && !cmdline.startsWith("/bin/sleep\0"); i++) {
                Thread.sleep(20);
                cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
            }
            assertThat(cmdline).startsWith("/bin/sleep\0");
            List<String> lines = Files.readAllLines(Path.of("/proc/" + p.pid() + "/limits"));
            assertThat(lines).filteredOn(l -> l.startsWith("Max open files")).singleElement().asString()
                    .matches("Max open files\\s+1234\\s+1234\\s+files\\s*");
            assertThat(lines).filteredOn(l -> l.startsWith("Max processes")).singleElement().asString()
                    .matches("Max processes\\s+777\\s+777\\s+processes\\s*");
        } finally {
            p.kill();
            p.waitFor();
        }
    }

    /**
     * The log holds QEMU's argv and environment: a new one is 0600 whatever the umask (libvirt's
     * are 0600 too), and one an older jvirt left readable by others is made 0600 before the next
     * start's lines go in.
     */
    @Test
    void theLogIsReadableByItsOwnerOnly() throws Exception {
        Path fresh = dir.resolve("logs/fresh.log");
        QemuLauncher.spawn(new RealProcessLauncher(), List.of(), List.of("/bin/echo", "hello"), Map.of("SECRET", "s"),
                fresh, 0, 0, QemuUser.ROOT).waitFor();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
        assertThat(Files.readString(fresh)).contains("SECRET=s /bin/echo hello\n").endsWith("hello\n");
        Path old = Files.writeString(dir.resolve("old.log"), "earlier start\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        QemuLauncher.spawn(new RealProcessLauncher(), List.of(), List.of("/bin/true"), Map.of(), old, 0, 0,
                QemuUser.ROOT).waitFor();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-------");
        assertThat(Files.readString(old)).startsWith("earlier start\n").contains("/bin/true");
    }

    /** A wrapper whose parent is not the JVM that spawned it (that JVM died) starts nothing. */
    @Test
    void theWrapperStartsNothingOnceItsJvmIsGone() throws Exception {
        Path marker = dir.resolve("ran");
        List<String> argv = new java.util.ArrayList<>(QemuLauncher.wrapperArgv(List.of(), List.of("/usr/bin/touch",
                marker.toString())));
        assertThat(argv.get(4)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        Process ok = new ProcessBuilder(argv).start();
        assertThat(ok.waitFor()).isZero();
        assertThat(marker).exists();
        Files.delete(marker);
        argv.set(4, "1"); // as if init had adopted it
        Process orphan = new ProcessBuilder(argv).redirectErrorStream(true).start();
        assertThat(orphan.waitFor()).isEqualTo(125);
        assertThat(new String(orphan.getInputStream().readAllBytes())).contains("jvirt process 1 that started this is gone");
        assertThat(marker).doesNotExist();
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

    @Test
    void anotherUserIsTakenOnLastThroughSetpriv() {
        List<String> qemu = List.of("/usr/bin/qemu-system-x86_64", "-S");
        assertThat(QemuLauncher.wrapperArgv(List.of(), qemu, 10, 0, new QemuUser(64055, 994, Optional.of("libvirt-qemu"))))
                .containsSequence("/usr/bin/prlimit", "--nproc=10", "--", "/usr/bin/setpriv", "--reuid=64055",
                        "--regid=994", "--init-groups", "--", "/usr/bin/qemu-system-x86_64", "-S");
        assertThat(QemuLauncher.wrapperArgv(List.of(), qemu, 0, 0, new QemuUser(65534, 65534, Optional.empty())))
                .containsSequence("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
        assertThat(QemuLauncher.wrapperArgv(List.of(), qemu)).doesNotContain("/usr/bin/setpriv");
    }

    @Test
    void theSpawnedProcessRunsAsTheUser() throws Exception {
        Assumptions.assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0
                || "true".equals(System.getenv("CI")), "needs root to change user");
        LaunchedProcess p = QemuLauncher.spawn(new RealProcessLauncher(), List.of(), List.of("/bin/sleep", "30"), Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve("log"), 0, 0, new QemuUser(65534, 65533, Optional.empty()));
        try {
            List<String> status = List.of();
            for (int i = 0; i < 100 && !String.join("\n", status).contains("sleep"); i++) {
                Thread.sleep(20);
                status = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"));
            }
            assertThat(status).contains("Name:\tsleep");
            assertThat(status).filteredOn(l -> l.startsWith("Uid:")).singleElement().asString()
                    .matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534");
            assertThat(status).filteredOn(l -> l.startsWith("Gid:")).singleElement().asString()
                    .matches("Gid:\\s+65533\\s+65533\\s+65533\\s+65533");
            assertThat(status).filteredOn(l -> l.startsWith("Groups:")).singleElement().asString().matches("Groups:\\s*");
        } finally {
            p.kill();
            p.waitFor();
        }
    }

    @Test
    void usersAreLookedUpByNameOrTakenAsNumbers() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\nlibvirt-qemu:x:64055:994::/:/bin/false\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nkvm:x:994:libvirt-qemu\n");
        assertThat(QemuUser.resolve("root", "root", etc).isRoot()).isTrue();
        assertThat(QemuUser.resolve("libvirt-qemu", "kvm", etc))
                .isEqualTo(new QemuUser(64055, 994, Optional.of("libvirt-qemu")));
        assertThat(QemuUser.resolve("+107", "+36", etc)).isEqualTo(new QemuUser(107, 36, Optional.empty()));
        assertThatThrownBy(() -> QemuUser.resolve("qemu", "kvm", etc)).isInstanceOf(VirtException.class)
                .hasMessageContaining("user 'qemu' does not exist");
        assertThatThrownBy(() -> QemuUser.resolve("+x", "kvm", etc)).isInstanceOf(VirtException.class)
                .hasMessageContaining("user '+x' is not a name or +N");
        assertThatThrownBy(() -> QemuUser.resolve("root", "wheel", etc)).isInstanceOf(VirtException.class)
                .hasMessageContaining("group 'wheel' does not exist");
    }
}
