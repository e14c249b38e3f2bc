package org.jvirt.linux;

import java.util.Optional;

/**
 * This JVM's process id, from procfs ({@link ProcFs#threadSelf}): {@link ProcessHandle#current()}
 * starts the JDK's process-reaper machinery (a thread pool, its native part), 0.6 ms of a one-shot
 * command that only writes its pid into a job record.
 */
public final class ThisProcess {
    private ThisProcess() {
    }

    public static long pid() {
        return Pid.VALUE;
    }

    /** Read at the first question, once. */
    private static final class Pid {
        static final long VALUE = read();

        private static long read() {
            Optional<long[]> ids = ProcFs.host().threadSelf();
            return ids.isPresent() ? ids.get()[0] : ProcessHandle.current().pid(); // no procfs
        }
    }
}
