package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
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
 * (a POSIX lock on {@code STATE_DIR/NAME.lock}). Held for each whole job (core asks through
 * {@code Hypervisor.jobGuard}) and, re-entered, for each hypervisor
 * operation; waits at most the given time.
 */
public final class DomainLocks {
    private final StateFiles files;
    private final Duration wait;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    public DomainLocks(StateFiles files, Duration wait) {
        this.files = files;
        this.wait = wait;
    }

    /** A held lock; close releases it. */
    public final class Held implements AutoCloseable {
        private final ReentrantLock lock;
        private final FileChannel channel;
        private final FileLock fileLock;

        private Held(ReentrantLock lock, FileChannel channel, FileLock fileLock) {
            this.lock = lock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing the channel releases the lock anyway
            } finally {
                lock.unlock();
            }
        }
    }

    public Held acquire(String name) {
        ReentrantLock lock = local.computeIfAbsent(name, n -> new ReentrantLock());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(name);
        }
        if (lock.getHoldCount() > 1) {
            return new Held(lock, null, null); // re-entered: the file lock is held already
        }
        FileChannel ch = null;
        try {
            StateFiles.ensureDir(files.stateDir());
            ch = FileChannel.open(files.lockFile(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock fl;
                try {
                    fl = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    fl = null;
                }
                if (fl != null) {
                    return new Held(lock, ch, fl);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(name);
                }
                Thread.sleep(10);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // released
            }
            lock.unlock();
            if (e instanceof VirtException v) {
                throw v;
            }
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot lock %s: %s",
                    files.lockFile(name), e.getMessage());
        }
    }

    private VirtException busy(String name) {
        return VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                "domain '%s' is busy: another jvirt process holds %s for more than %d ms", name,
                files.lockFile(name), wait.toMillis());
    }
}
