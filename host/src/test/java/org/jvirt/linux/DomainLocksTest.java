package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class DomainLocksTest {
    @TempDir
    Path tmp;

    @Test
    void theOwnerReentersOtherThreadsWaitThenTimeOut() throws Exception {
        Path run = tmp.resolve("run");
        DomainLocks locks = new DomainLocks(run, Duration.ofMillis(200), Ticker.SYSTEM);
        try (DomainLocks.Held job = locks.acquire("vm")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
            assertThat(run.resolve("vm.lock")).exists();
            try (DomainLocks.Held op = locks.acquire("vm")) {
                assertThat(op).isNotNull();
            }
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try (DomainLocks.Held h = locks.acquire("vm")) {
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT)).hasMessage(
                    "domain 'vm' is busy: another thread of this process (pid " + ProcessHandle.current().pid()
                            + ", job 'operation') holds its lock " + run.resolve("vm.lock")
                            + "; gave up after waiting 200 ms (job_wait_timeout in jvirt.conf)");
            CompletableFuture.runAsync(() -> locks.acquire("other").close()).get(10, TimeUnit.SECONDS);
        }
        CompletableFuture.runAsync(() -> locks.acquire("vm").close()).get(10, TimeUnit.SECONDS);
    }

    /** Whether this process holds a POSIX lock on {@code file} (what another process sees, from /proc/locks). */
    private static boolean lockedByThisProcess(Path file) throws Exception {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream().map(l -> l.trim().split("\\s+"))
                .anyMatch(w -> w.length > 5 && w[1].equals("POSIX") && w[4].equals(pid) && w[5].endsWith(":" + inode));
    }

    /**
     * Reading the job records, from the thread that holds a domain's lock or from another one,
     * keeps this process's lock on the file (closing any descriptor of a file drops the process's
     * POSIX locks on it): another process could otherwise run a job on the domain at the same time.
     */
    @Test
    void readingTheRecordsKeepsTheLocksThisProcessHolds() throws Exception {
        Path run = tmp.resolve("run");
        DomainLocks locks = new DomainLocks(run, Duration.ofMillis(200), Ticker.SYSTEM);
        Path file = run.resolve("vm.lock");
        try (DomainLocks.Held job = locks.acquire("vm", "setvcpus")) {
            assertThat(lockedByThisProcess(file)).isTrue();
            assertThat(locks.recorded()).containsExactly("vm");
            assertThat(locks.recorded("vm")).get().extracting(JobRecord::job).isEqualTo("setvcpus");
            assertThat(lockedByThisProcess(file)).as("after reading from the holding thread").isTrue();
            CompletableFuture.runAsync(() -> {
                assertThat(locks.recorded()).containsExactly("vm");
                assertThat(locks.recorded("vm")).get().extracting(JobRecord::job).isEqualTo("setvcpus");
            }).get(10, TimeUnit.SECONDS);
            assertThat(lockedByThisProcess(file)).as("after reading from another thread").isTrue();
        }
        assertThat(lockedByThisProcess(file)).isFalse();
        assertThat(locks.recorded()).isEmpty();
    }

    /** The file lock is what another JVM sees: it is held until the outermost acquire is closed. */
    @Test
    void theFileLockLastsUntilTheOutermostClose() {
        DomainLocks locks = new DomainLocks(tmp, Duration.ofSeconds(5), Ticker.SYSTEM);
        DomainLocks.Held job = locks.acquire("vm");
        locks.acquire("vm").close();
        assertThatThrownBy(() -> DomainLockFile.acquire(tmp, "vm", Duration.ZERO))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
        job.close();
        DomainLockFile.acquire(tmp, "vm", Duration.ZERO).close();
    }

    /** A waiter that gives up names the holder's pid and job, read from the lock file. */
    @Test
    void aWaiterNamesTheOtherProcessAndItsJob() {
        DomainLocks locks = new DomainLocks(tmp, Duration.ofMillis(100), Ticker.SYSTEM);
        try (DomainLockFile other = DomainLockFile.acquire(tmp, "vm", Duration.ZERO)) {
            other.write(new JobRecord("vm", 4711, "setvcpus", System.currentTimeMillis() - 2000, Map.of()).format());
            // another JVM's hold, seen from here through a fresh DomainLocks on the same file
            assertThatThrownBy(() -> CompletableFuture.runAsync(() -> locks.acquire("vm", "vcpupin").close())
                    .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(VirtException.class)
                    .cause().hasMessageContaining("domain 'vm' is busy: process 4711 (job 'setvcpus', running for 2.")
                    .hasMessageContaining("gave up after waiting 100 ms (job_wait_timeout in jvirt.conf)");
        }
    }

    /** A record left in the lock file is a job whose process died: the next holder is told, once. */
    @Test
    void aRecordLeftBehindIsAnInterruptedJobUntilResolved() throws Exception {
        DomainLocks locks = new DomainLocks(tmp, Duration.ofSeconds(1), Ticker.SYSTEM);
        try (DomainLocks.Held h = locks.acquire("vm", "start")) {
            assertThat(h.interrupted()).isEmpty();
            h.note("qemu.pid", "123");
            assertThat(locks.recorded("vm")).hasValueSatisfying(r -> {
                assertThat(r.job()).isEqualTo("start");
                assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(r.longFact("qemu.pid")).contains(123L);
            });
            try (DomainLocks.Held inner = locks.acquire("vm")) {
                inner.note("qemu.start", "9");
            }
            assertThat(locks.recorded("vm").orElseThrow().facts()).containsEntry("qemu.start", "9");
        }
        assertThat(Files.size(tmp.resolve("vm.lock"))).isZero();
        String dead = new JobRecord("vm", 999_999, "start", 1, Map.of("qemu.pid", "77")).format();
        Files.writeString(tmp.resolve("vm.lock"), dead);
        try (DomainLocks.Held h = locks.acquire("vm", "domstate")) {
            assertThat(h.interrupted()).hasValueSatisfying(r -> assertThat(r.longFact("qemu.pid")).contains(77L));
        }
        assertThat(Files.readString(tmp.resolve("vm.lock"))).isEqualTo(dead);
        try (DomainLocks.Held h = locks.tryAcquire("vm", "recover").orElseThrow()) {
            assertThat(h.interrupted()).isPresent();
            h.resolved();
            assertThat(h.interrupted()).isEmpty();
        }
        assertThat(Files.size(tmp.resolve("vm.lock"))).isZero();
    }

    @Test
    void tryAcquireDoesNotWait() throws Exception {
        DomainLocks locks = new DomainLocks(tmp, Duration.ofSeconds(5), Ticker.SYSTEM);
        try (DomainLockFile other = DomainLockFile.acquire(tmp, "vm", Duration.ZERO)) {
            assertThat(CompletableFuture.supplyAsync(() -> locks.tryAcquire("vm", "x")).get(2, TimeUnit.SECONDS))
                    .isEmpty();
        }
        try (DomainLocks.Held h = locks.acquire("vm", "job")) {
            assertThat(CompletableFuture.supplyAsync(() -> locks.tryAcquire("vm", "x")).get(2, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }

    @Test
    void aRecordParsesBackAndSurvivesOddText() {
        JobRecord r = new JobRecord("my vm=1", 12, "setvcpus 4 --live", 5, Map.of("k y", "v=w"));
        assertThat(JobRecord.parse(r.format() + "stale tail of a longer record", "x")).contains(r);
        assertThat(JobRecord.parse("", "x")).isEmpty();
        assertThat(JobRecord.parse("garbage", "x")).hasValueSatisfying(g -> assertThat(g.job()).isEqualTo("unknown"));
    }
}
