package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class DomainLockFileTest {
    @TempDir
    Path tmp;

    @Test
    void secondAcquireInThisJvmWaitsThenTimesOut() {
        FakeTicker ticker = new FakeTicker();
        try (DomainLockFile lock = DomainLockFile.acquire(tmp, "vm", Duration.ofSeconds(1), ticker)) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(lock.file()).isEqualTo(tmp.resolve("vm.lock"));
            assertThatThrownBy(() -> DomainLockFile.acquire(tmp, "vm", Duration.ofMillis(100), ticker))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT))
                    .hasMessageContaining("cannot lock domain 'vm' (" + tmp.resolve("vm.lock") + ")");
            try (DomainLockFile other = DomainLockFile.acquire(tmp, "other", Duration.ZERO, ticker)) {
                assertThat(other.isHeld()).isTrue();
            }
        }
        try (DomainLockFile again = DomainLockFile.acquire(tmp, "vm", Duration.ZERO, ticker)) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void tryAcquireTakesAFreeLockAndAnswersAtOnceWhenItIsHeld() {
        Path file = tmp.resolve("vm.d-monitor.lock");
        try (DomainLockFile first = DomainLockFile.tryAcquire(file).orElseThrow()) {
            assertThat(first.isHeld()).isTrue();
            assertThat(DomainLockFile.tryAcquire(file)).isEmpty();
        }
        try (DomainLockFile again = DomainLockFile.tryAcquire(file).orElseThrow()) {
            assertThat(again.file()).isEqualTo(file);
        }
        assertThatThrownBy(() -> DomainLockFile.tryAcquire(tmp.resolve("missing/dir.lock")))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR));
    }

    @Test
    void fileIsPrivate() throws Exception {
        try (DomainLockFile lock = DomainLockFile.acquire(tmp, "p", Duration.ZERO)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock.file()))).isEqualTo("rw-------");
        }
    }

    /** Another JVM holds the lock: this one waits, and gets it once the other exits. */
    @Test
    void excludesAnotherJvm() throws Exception {
        Path holder = tmp.resolve("Hold.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                             var l = c.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            Thread.sleep(Long.parseLong(a[1]));
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, holder.toString(), tmp.resolve("vm.lock").toString(), "1500"))
                .redirectErrorStream(true).start();
        try {
            String line = new String(p.getInputStream().readNBytes(7));
            assertThat(line).isEqualTo("locked\n".substring(0, 7));
            assertThatThrownBy(() -> DomainLockFile.acquire(tmp, "vm", Duration.ofMillis(100)))
                    .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
            assertThat(DomainLockFile.tryAcquire(tmp.resolve("vm.lock"))).as("held by the other JVM").isEmpty();
            try (DomainLockFile lock = DomainLockFile.acquire(tmp, "vm", Duration.ofSeconds(20))) {
                assertThat(lock.isHeld()).isTrue();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
