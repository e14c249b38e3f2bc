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
        DomainLocks locks = new DomainLocks(tmp, Duration.ZERO, Ticker.SYSTEM);
        Path file = tmp.resolve("vm.d-monitor.lock");
        try (DomainLockFile first = locks.tryAcquireFile(file).orElseThrow()) {
            assertThat(first.isHeld()).isTrue();
            assertThat(locks.tryAcquireFile(file)).isEmpty();
            assertThat(locks.withWait(Duration.ofSeconds(1)).tryAcquireFile(file)).as("the same JVM's locks").isEmpty();
        }
        try (DomainLockFile again = locks.tryAcquireFile(file).orElseThrow()) {
            assertThat(again.file()).isEqualTo(file);
            again.close();
            again.close(); // twice: the second does not forget a later hold
            try (DomainLockFile third = locks.tryAcquireFile(file).orElseThrow()) {
                again.close();
                assertThat(locks.tryAcquireFile(file)).isEmpty();
            }
        }
        assertThatThrownBy(() -> locks.tryAcquireFile(tmp.resolve("missing/dir.lock")))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR));
        assertThat(locks.tryAcquireFile(file)).as("a failed attempt leaves nothing held").isPresent().get()
                .satisfies(DomainLockFile::close);
    }

    /**
     * A POSIX lock belongs to the process: a second try in this JVM must not open and close the
     * file, which would drop the first hold for every other process.
     */
    @Test
    void aSecondTryInThisJvmKeepsTheFirstHoldForOtherProcesses() throws Exception {
        DomainLocks locks = new DomainLocks(tmp, Duration.ZERO, Ticker.SYSTEM);
        Path file = tmp.resolve("monitor.lock");
        try (DomainLockFile first = locks.tryAcquireFile(file).orElseThrow()) {
            assertThat(locks.tryAcquireFile(file)).isEmpty();
            assertThat(anotherJvmCanLock(file)).as("still held for another process").isFalse();
        }
        assertThat(anotherJvmCanLock(file)).as("released").isTrue();
    }

    private boolean anotherJvmCanLock(Path file) throws Exception {
        Path probe = tmp.resolve("Probe.java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Probe {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
                            System.out.println(c.tryLock() != null ? "free" : "held");
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, probe.toString(), file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isIn("free", "held");
        return out.equals("free");
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
            assertThat(new DomainLocks(tmp, Duration.ZERO, Ticker.SYSTEM).tryAcquireFile(tmp.resolve("vm.lock")))
                    .as("held by the other JVM").isEmpty();
            try (DomainLockFile lock = DomainLockFile.acquire(tmp, "vm", Duration.ofSeconds(20))) {
                assertThat(lock.isHeld()).isTrue();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
