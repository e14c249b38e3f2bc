package org.jvirt.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * One owner of a domain's live work at a time, across threads (a lock per name) and across JVMs
 * (a {@link DomainLockFile} in the run directory). The owning thread may acquire again: a driver
 * holds the lock for a whole job and re-enters it for each operation; only the outermost
 * acquire takes the file lock. Waits at most the given time.
 */
public final class DomainLocks {
    private final Path runDir;
    private final Duration wait;
    private final Ticker ticker;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    /** Locks in {@code runDir}, waited for at most {@code wait}, the lock file polled by {@code ticker}. */
    public DomainLocks(Path runDir, Duration wait, Ticker ticker) {
        this.runDir = runDir;
        this.wait = wait;
        this.ticker = ticker;
    }

    /** A held lock; close releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock of domain {@code name}.
     *
     * @throws VirtException OPERATION_TIMEOUT when another thread or process keeps it longer
     *                       than the wait; SYSTEM_ERROR when the lock file cannot be made
     */
    public Held acquire(String name) {
        ReentrantLock lock = local.computeIfAbsent(name, n -> new ReentrantLock());
        long deadline = ticker.nanoTime() + wait.toNanos();
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(name);
        }
        if (lock.getHoldCount() > 1) {
            return lock::unlock;
        }
        DomainLockFile file;
        try {
            createRunDir();
            file = DomainLockFile.acquire(runDir, name, Duration.ofNanos(Math.max(0, deadline - ticker.nanoTime())),
                    ticker);
        } catch (RuntimeException e) {
            lock.unlock();
            if (e instanceof VirtException v && v.code() == ErrorCode.OPERATION_TIMEOUT) {
                throw busy(name);
            }
            throw e;
        }
        return () -> {
            try {
                file.close();
            } finally {
                lock.unlock();
            }
        };
    }

    private void createRunDir() {
        try {
            Files.createDirectories(runDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot create directory %s: %s", runDir,
                    e.getMessage());
        }
    }

    private VirtException busy(String name) {
        return VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.NONE,
                "domain '%s' is busy: another jvirt process holds %s for more than %d ms", name,
                DomainLockFile.pathOf(runDir, name), wait.toMillis());
    }
}
