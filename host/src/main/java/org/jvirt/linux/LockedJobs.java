package org.jvirt.linux;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jvirt.driver.JobGuard;

/**
 * A real driver's job guards ({@code Hypervisor.jobGuard}) over its {@link DomainLocks}: each job
 * holds the domain's lock file with its record in it; what a process that died in its job left is
 * first dealt with on the host ({@code recover}, which marks the lock's record resolved when it is
 * done), then core is told of what remains ({@link JobGuard#interruptedJob}).
 */
public final class LockedJobs {
    private final DomainLocks locks;
    private final BiConsumer<String, DomainLocks.Held> recover;
    private final Consumer<String> beforeRelease;

    /**
     * @param recover       deals with what the job of a dead holder left, given the domain's name
     *                      and the held lock
     * @param beforeRelease runs when a job on the named domain ends, before the lock is let go
     */
    public LockedJobs(DomainLocks locks, BiConsumer<String, DomainLocks.Held> recover, Consumer<String> beforeRelease) {
        this.locks = locks;
        this.recover = recover;
        this.beforeRelease = beforeRelease;
    }

    /** The guard of job {@code job} on {@code name}, waiting for the lock as long as the locks say. */
    public JobGuard acquire(String name, String job) {
        return guard(name, locks.acquire(name, job));
    }

    /** The guard, only if nobody holds the domain now. */
    public Optional<JobGuard> tryAcquire(String name, String job) {
        return locks.tryAcquire(name, job).map(held -> guard(name, held));
    }

    /** The domains whose lock file holds a job record ({@link DomainLocks#recorded}). */
    public Set<String> recorded() {
        return locks.recorded();
    }

    private JobGuard guard(String name, DomainLocks.Held held) {
        try {
            recover.accept(name, held);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        return new JobGuard() {
            @Override
            public Optional<String> interruptedJob() {
                return held.interrupted().map(JobRecord::job);
            }

            @Override
            public void resolved() {
                held.resolved();
            }

            @Override
            public void close() {
                try {
                    beforeRelease.accept(name);
                } finally {
                    held.close();
                }
            }
        };
    }
}
