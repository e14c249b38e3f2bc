package org.jvirt.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's process id, from the {@code /proc/self} link: {@link ProcessHandle#current()} starts
 * the JDK's process-reaper machinery (a thread pool, its native part), 0.6 ms of a one-shot
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
            try {
                return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
            } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                return ProcessHandle.current().pid(); // no procfs
            }
        }
    }
}
