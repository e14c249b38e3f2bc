package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
                    "domain 'vm' is busy: another jvirt process holds " + run.resolve("vm.lock") + " for more than 200 ms");
            CompletableFuture.runAsync(() -> locks.acquire("other").close()).get(10, TimeUnit.SECONDS);
        }
        CompletableFuture.runAsync(() -> locks.acquire("vm").close()).get(10, TimeUnit.SECONDS);
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
}
