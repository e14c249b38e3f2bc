package org.jvirt.driver;

import java.util.Optional;

/**
 * A held job guard ({@link Hypervisor#jobGuard}); closing releases it. Never throws on close.
 *
 * <p>A guard also tells what the previous holder left: a jvirt process that died in the middle
 * of a job on the domain. The driver has done what the host needs (a start rolled back or found
 * complete, a destroy finished) before handing the guard out; core then brings the live
 * definition and the kernel in line and calls {@link #resolved()}.
 */
@FunctionalInterface
public interface JobGuard extends AutoCloseable {
    /**
     * Guards nothing. A class, not a lambda: JDK 25's start-up cache keeps no lambda made inside
     * an interface, and every one-shot command takes this guard.
     */
    JobGuard NONE = new JobGuard() {
        @Override
        public void close() {
        }
    };

    /** The job a process that died while holding the domain left unfinished; empty normally. */
    default Optional<String> interruptedJob() {
        return Optional.empty();
    }

    /** What {@link #interruptedJob()} left is dealt with: the next job is not told again. */
    default void resolved() {
    }

    @Override
    void close();
}
