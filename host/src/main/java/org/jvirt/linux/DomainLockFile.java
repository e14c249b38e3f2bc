package org.jvirt.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.state.FileNames;

/**
 * A per-domain lock shared by every JVM on the host: an exclusive {@code fcntl} lock (via
 * {@link FileChannel#tryLock()}) on {@code <run dir>/<name>.lock} (0600). Within one JVM a
 * second acquire of the same file waits too. The file is left in place on release (deleting
 * it would race with a waiter that opened it). Close the returned lock to release it.
 */
public final class DomainLockFile implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);
    /**
     * rw------- as a set that is not an EnumSet: {@code PosixFilePermissions.fromString} makes one,
     * whose first use per enum type reflects (a one-shot command's lock and status files).
     */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE = PosixFilePermissions
            .asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    private static final int MAX_RECORD = 4096;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    private DomainLockFile(Path file, FileChannel channel, FileLock lock, Runnable onRelease) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.onRelease = onRelease;
    }

    /** The lock file of domain {@code name} in {@code runDir}. */
    public static Path pathOf(Path runDir, String name) {
        return runDir.resolve(FileNames.component(name, ".lock"));
    }

    /**
     * Takes the lock of {@code name}, waiting up to {@code timeout}.
     *
     * @throws VirtException OPERATION_TIMEOUT when another holder keeps it; SYSTEM_ERROR when
     *                       the file cannot be opened
     */
    public static DomainLockFile acquire(Path runDir, String name, Duration timeout, Ticker ticker) {
        Path file = pathOf(runDir, name);
        FileChannel channel = open(file);
        long deadline = ticker.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock lock = tryLock(channel, file);
                if (lock != null) {
                    return new DomainLockFile(file, channel, lock, () -> { });
                }
                if (ticker.nanoTime() - deadline >= 0) {
                    throw VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.NONE,
                            "cannot lock domain '%s' (%s): another jvirt process or connection holds it for more than %d ms",
                            name, file, timeout.toMillis());
                }
                ticker.sleep(POLL);
            }
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** {@link #acquire(Path, String, Duration, Ticker)} with the real clock. */
    public static DomainLockFile acquire(Path runDir, String name, Duration timeout) {
        return acquire(runDir, name, timeout, Ticker.SYSTEM);
    }

    /**
     * Takes the lock on {@code file} if no other process holds it; empty at once when one does.
     * Not for a file this JVM may hold already: a POSIX lock belongs to the process, and closing
     * this probe's descriptor would drop that hold in the kernel. {@link
     * DomainLocks#tryAcquireFile} knows this JVM's holds and is the way in; {@code onRelease}
     * runs once when the returned lock is closed.
     *
     * @throws VirtException SYSTEM_ERROR when the file cannot be opened or locked
     */
    static Optional<DomainLockFile> tryAcquire(Path file, Runnable onRelease) {
        FileChannel channel = open(file);
        try {
            FileLock lock = tryLock(channel, file);
            if (lock == null) {
                closeQuietly(channel);
                return Optional.empty();
            }
            return Optional.of(new DomainLockFile(file, channel, lock, onRelease));
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE),
                    OWNER_READ_WRITE);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot open the lock file " + file + ": " + IoReason.of(e), e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this JVM
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot lock " + file + ": " + IoReason.of(e), e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * What the file holds: the record of the job holding the lock (see {@link JobRecord}), or,
     * read right after taking it, the record a holder that died left behind; "" when empty.
     */
    public String read() {
        try {
            long size = channel.size();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, MAX_RECORD));
            channel.read(buf, 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Replaces what the file holds with {@code text} (no fsync: the file describes processes,
     * which a host crash ends, and a dead JVM's writes are in the page cache). The text is
     * written first and the file cut after it, so a holder killed in between leaves its new first
     * line whole.
     */
    public void write(String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long pos = 0;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            channel.truncate(bytes.length);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot write " + file + ": " + e, e);
        }
    }

    /** What the lock file of {@code name} holds now, read without its lock; "" when absent or empty. */
    public static String peek(Path runDir, String name) {
        Path f = pathOf(runDir, name);
        try {
            byte[] b = Files.readAllBytes(f);
            return new String(b, 0, (int) Math.min(b.length, MAX_RECORD), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
        onRelease.run();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
