package org.jvirt.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * One owner of a domain's live work at a time, across threads (a lock per name) and across JVMs
 * (a {@link DomainLockFile} in the run directory). The owning thread may acquire again: a driver
 * holds the lock for a whole job and re-enters it for each operation; only the outermost
 * acquire takes the file lock. Waits at most the given time.
 *
 * <p>The outermost acquire writes the job's {@link JobRecord} into the lock file and empties it
 * at the end: a waiter that gives up names the process and its job, and a record found on taking
 * the lock is a job whose process died in the middle of it ({@link Held#interrupted()}). Share one
 * instance per run directory in a JVM: two instances would each open the file, and closing one
 * channel drops the POSIX lock the other holds.
 */
public final class DomainLocks {
    private final Path runDir;
    private final Duration wait;
    private final Ticker ticker;
    private final Map<String, ReentrantLock> local;
    private final Map<String, Holding> holdings;
    /**
     * Read by a scan of the lock files ({@link #recorded()}), written to add a domain to
     * {@link #local}: a scan reads a lock file through a descriptor of its own, and closing that
     * drops every POSIX lock this process holds on the file, so it reads only files whose lock no
     * thread of this JVM can hold meanwhile (see {@link #readRecord}).
     */
    private final ReentrantReadWriteLock names;
    /** Lock files beside the domains' ({@link #tryAcquireFile}) that this JVM holds now. */
    private final Set<Path> heldFiles;

    /** Locks in {@code runDir}, waited for at most {@code wait}, the lock file polled by {@code ticker}. */
    public DomainLocks(Path runDir, Duration wait, Ticker ticker) {
        this(runDir, wait, ticker, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ReentrantReadWriteLock(),
                ConcurrentHashMap.newKeySet());
    }

    private DomainLocks(Path runDir, Duration wait, Ticker ticker, Map<String, ReentrantLock> local,
                        Map<String, Holding> holdings, ReentrantReadWriteLock names, Set<Path> heldFiles) {
        this.runDir = runDir;
        this.wait = wait;
        this.ticker = ticker;
        this.local = local;
        this.holdings = holdings;
        this.names = names;
        this.heldFiles = heldFiles;
    }

    /** The same locks, waited for at most {@code other} (jvirt.conf {@code job_wait_timeout}). */
    public DomainLocks withWait(Duration other) {
        return new DomainLocks(runDir, other, ticker, local, holdings, names, heldFiles);
    }

    public Duration waitTime() {
        return wait;
    }

    public Path runDir() {
        return runDir;
    }

    /** A held lock; close releases it. */
    public interface Held extends AutoCloseable {
        /**
         * The job a process that died while holding this lock left unfinished (read when the
         * outermost acquire took it); empty when the last holder finished its job.
         */
        default Optional<JobRecord> interrupted() {
            return Optional.empty();
        }

        /**
         * Says that what {@link #interrupted()} left was dealt with; otherwise closing puts its
         * record back for the next holder.
         */
        default void resolved() {
        }

        /** Adds a fact to the running job's record (a start's spawned process, say). */
        default void note(String key, String value) {
        }

        @Override
        void close();
    }

    /** The outermost hold of a name in this JVM. */
    private static final class Holding {
        final DomainLockFile file;
        final Optional<JobRecord> interrupted;
        final String interruptedText;
        volatile JobRecord record;
        volatile boolean resolved;

        Holding(DomainLockFile file, JobRecord record, Optional<JobRecord> interrupted, String interruptedText) {
            this.file = file;
            this.record = record;
            this.interrupted = interrupted;
            this.interruptedText = interruptedText;
        }
    }

    /** {@link #acquire(String, String)} for an operation inside a job (its record stays the job's). */
    public Held acquire(String name) {
        return acquire(name, "operation");
    }

    /**
     * Takes the lock of domain {@code name} for job {@code job}.
     *
     * @throws VirtException OPERATION_TIMEOUT naming the holder when another thread or process
     *                       keeps it longer than the wait; SYSTEM_ERROR when the lock file cannot
     *                       be made
     */
    public Held acquire(String name, String job) {
        ReentrantLock lock = localLock(name);
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
            return inner(name, lock);
        }
        try {
            createRunDir();
            DomainLockFile file = DomainLockFile.acquire(runDir, name,
                    Duration.ofNanos(Math.max(0, deadline - ticker.nanoTime())), ticker);
            return outer(name, job, lock, file);
        } catch (RuntimeException e) {
            lock.unlock();
            if (e instanceof VirtException v && v.code() == ErrorCode.OPERATION_TIMEOUT) {
                throw busy(name);
            }
            throw e;
        }
    }

    /**
     * Takes the lock of {@code name} only if nobody holds it (no wait); empty when another
     * thread or process does.
     */
    public Optional<Held> tryAcquire(String name, String job) {
        ReentrantLock lock = localLock(name);
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        if (lock.getHoldCount() > 1) {
            return Optional.of(inner(name, lock));
        }
        try {
            createRunDir();
            DomainLockFile file = DomainLockFile.acquire(runDir, name, Duration.ZERO, ticker);
            return Optional.of(outer(name, job, lock, file));
        } catch (VirtException e) {
            lock.unlock();
            if (e.code() == ErrorCode.OPERATION_TIMEOUT) {
                return Optional.empty();
            }
            throw e;
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /**
     * Takes the lock on {@code file}, a lock of its own beside a domain's (QEMU's monitor lock),
     * when no process holds it, this JVM included; empty at once otherwise. A hold of this JVM is
     * known without opening the file: opening and closing it again would drop that hold, since a
     * POSIX lock belongs to the process.
     *
     * @throws VirtException SYSTEM_ERROR when the file cannot be opened or locked
     */
    public Optional<DomainLockFile> tryAcquireFile(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (!heldFiles.add(key)) {
            return Optional.empty();
        }
        try {
            Optional<DomainLockFile> taken = DomainLockFile.tryAcquire(file, () -> heldFiles.remove(key));
            if (taken.isEmpty()) {
                heldFiles.remove(key);
            }
            return taken;
        } catch (RuntimeException e) {
            heldFiles.remove(key);
            throw e;
        }
    }

    /** Adds a fact to the record of the job this thread runs on {@code name}; nothing when it holds none. */
    public void note(String name, String key, String value) {
        ReentrantLock lock = local.get(name);
        Holding h = holdings.get(name);
        if (lock != null && lock.isHeldByCurrentThread() && h != null) {
            h.record = h.record.with(key, value);
            h.file.write(h.record.format());
        }
    }

    /** The in-JVM lock of {@code name}, added (outside any scan of the lock files) when new. */
    private ReentrantLock localLock(String name) {
        ReentrantLock lock = local.get(name);
        if (lock != null) {
            return lock;
        }
        names.writeLock().lock();
        try {
            return local.computeIfAbsent(name, n -> new ReentrantLock());
        } finally {
            names.writeLock().unlock();
        }
    }

    /**
     * What the lock file of {@code name} says now, read without its lock: the record of the job
     * holding it, or of one a dead process left; empty when no job is recorded.
     */
    public Optional<JobRecord> recorded(String name) {
        names.readLock().lock();
        try {
            return readRecord(name, local.get(name));
        } finally {
            names.readLock().unlock();
        }
    }

    /**
     * The domains whose lock file in the run directory holds a job record, read without their
     * locks: jobs running now, or left unfinished by a process that died.
     */
    public Set<String> recorded() {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(runDir)) {
            return out;
        }
        // a filter, not the glob "*.lock": a glob is compiled to a regular expression on every scan
        DirectoryStream.Filter<Path> lockFiles = f -> f.getFileName().toString().endsWith(".lock");
        names.readLock().lock();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, lockFiles)) {
            Map<Path, String> known = new HashMap<>();
            local.keySet().forEach(n -> known.put(DomainLockFile.pathOf(runDir, n), n));
            for (Path f : files) {
                String name = known.get(f);
                Optional<JobRecord> r = name != null ? readRecord(name, local.get(name))
                        : Files.isRegularFile(f) && Files.size(f) > 0 ? JobRecord.parse(Files.readString(f), "")
                        : Optional.empty();
                r.map(JobRecord::domain).filter(n -> !n.isEmpty()).ifPresent(out::add);
            }
        } catch (IOException | RuntimeException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot list the job records in %s: %s",
                    runDir, e.getMessage());
        } finally {
            names.readLock().unlock();
        }
        return out;
    }

    /**
     * The record in {@code name}'s lock file, without dropping a lock of this JVM on it: when a
     * thread of this JVM holds (or is taking) the domain's lock, its own record; otherwise the
     * file, read while the in-JVM lock keeps every thread of this JVM from locking the file.
     * A domain this JVM never locked ({@code lock} null) cannot be locked during a scan.
     */
    private Optional<JobRecord> readRecord(String name, ReentrantLock lock) {
        if (lock != null && (lock.isHeldByCurrentThread() || !lock.tryLock())) {
            Holding mine = holdings.get(name);
            return mine == null ? Optional.empty() : Optional.of(mine.record);
        }
        try {
            return JobRecord.parse(DomainLockFile.peek(runDir, name), name);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    private Held inner(String name, ReentrantLock lock) {
        return new Held() {
            @Override
            public void note(String key, String value) {
                DomainLocks.this.note(name, key, value);
            }

            @Override
            public void close() {
                lock.unlock();
            }
        };
    }

    private Held outer(String name, String job, ReentrantLock lock, DomainLockFile file) {
        Holding h;
        try {
            String left = file.read();
            Optional<JobRecord> interrupted = JobRecord.parse(left, name);
            JobRecord mine = JobRecord.begin(name, job);
            file.write(mine.format());
            h = new Holding(file, mine, interrupted, left);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
        holdings.put(name, h);
        return new Held() {
            @Override
            public Optional<JobRecord> interrupted() {
                return h.resolved ? Optional.empty() : h.interrupted;
            }

            @Override
            public void resolved() {
                h.resolved = true;
            }

            @Override
            public void note(String key, String value) {
                DomainLocks.this.note(name, key, value);
            }

            @Override
            public void close() {
                holdings.remove(name, h);
                try {
                    h.file.write(h.interrupted.isPresent() && !h.resolved ? h.interruptedText : "");
                } catch (VirtException ignored) {
                    // the next holder then finds this job's record and checks the domain again
                } finally {
                    h.file.close();
                    lock.unlock();
                }
            }
        };
    }

    private void createRunDir() {
        if (Files.isDirectory(runDir)) {
            return;
        }
        try {
            Files.createDirectories(runDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot create directory %s: %s", runDir,
                    e.getMessage());
        }
    }

    private VirtException busy(String name) {
        Holding mine = holdings.get(name);
        Optional<JobRecord> holder = mine != null ? Optional.of(mine.record) : recorded(name);
        String who = holder.map(r -> r.pid() == ThisProcess.pid() && mine != null
                ? "another thread of this process (pid " + r.pid() + ", job '" + r.job() + "')" : r.describe())
                .orElse("another jvirt process");
        return VirtException.of(ErrorCode.OPERATION_TIMEOUT, ErrorDomain.NONE,
                "domain '%s' is busy: %s holds its lock %s; gave up after waiting %d ms (job_wait_timeout in "
                        + "jvirt.conf)", name, who, DomainLockFile.pathOf(runDir, name), wait.toMillis());
    }
}
