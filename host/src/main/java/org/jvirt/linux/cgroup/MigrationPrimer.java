package org.jvirt.linux.cgroup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;

/**
 * Keeps the kernel's cgroup migration lock warm while a driver moves threads into cgroups.
 *
 * <p>Every move of a task between cgroups (v1 and v2 alike) takes the global
 * {@code cgroup_threadgroup_rwsem} for writing. When no move happened for a while, the first
 * writer waits for an RCU grace period (6-11 ms measured on this project's hosts); a move within
 * about one grace period of another costs 0.1-0.2 ms. A QEMU start moves its threads twice, with
 * QEMU's start-up in between, and a vCPU plug moves one new thread: each paid the wait in full.
 *
 * <p>{@link #keepWarm()} starts a daemon thread that moves itself into the group it is already
 * in (which changes nothing but takes the lock) and repeats that every couple of milliseconds
 * until the session is closed: the grace period then elapses in parallel with the driver's own
 * work (spawning, QMP round trips), and every real move inside the session finds the lock warm.
 * It is best effort: when the thread's group cannot be found or written, the thread ends and the
 * real moves pay the wait as before. While the first move waits, every fork on the host waits
 * too (fork takes the lock for reading), so a session should start where the caller has work
 * that neither forks nor touches cgroups; afterwards forks and exits take the lock's slower
 * reader path until the session ends (what the {@code favordynmods} mount option does
 * permanently).
 */
public final class MigrationPrimer {
    static final long REPEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final CgroupBackend backend;
    private final ProcFs proc;

    public MigrationPrimer(CgroupBackend backend, ProcFs proc) {
        this.backend = backend;
        this.proc = proc;
    }

    /** A running primer; closing it stops the thread (it finishes the move in progress). */
    public interface Session extends AutoCloseable {
        @Override
        void close();
    }

    public Session keepWarm() {
        CountDownLatch stop = new CountDownLatch(1);
        Thread t = new Thread(() -> run(stop), "jvirt-cgroup-primer");
        t.setDaemon(true);
        t.start();
        return stop::countDown;
    }

    private void run(CountDownLatch stop) {
        Optional<long[]> self = proc.threadSelf();
        if (self.isEmpty()) {
            return;
        }
        long pid = self.get()[0];
        long tid = self.get()[1];
        try {
            Optional<Path> file = backend.ownThreadFile(proc.cgroups(pid, tid));
            if (file.isEmpty()) {
                return;
            }
            String id = Long.toString(tid);
            while (stop.getCount() > 0) {
                CgroupFiles.write(file.get(), id);
                LockSupport.parkNanos(REPEAT_NANOS);
            }
        } catch (VirtException e) {
            // not writable here (a container, a delegated v2 subtree): the moves just pay the wait
        }
    }
}
