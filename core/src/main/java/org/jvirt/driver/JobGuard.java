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
    /** Guards nothing. */
    JobGuard NONE = () -> { };

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
