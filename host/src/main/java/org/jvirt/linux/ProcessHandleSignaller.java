package org.jvirt.linux;

import java.util.Optional;

/**
 * {@link ProcessSignaller} that sends SIGTERM and SIGKILL through the JDK's {@link ProcessHandle}
 * (kill(2) of the process it found, checked against its start time), and every other signal, or
 * one the JDK could not send to a process still there (EPERM, this JVM), through {@code other},
 * which then reports why. Ending a QEMU or a container's init so starts no JNA (its native
 * library, a generated proxy class, {@code java.util.logging}): some 200 classes less in a
 * one-shot {@code destroy} and in each start-up cache trained on one.
 */
public final class ProcessHandleSignaller implements ProcessSignaller {
    private final ProcessSignaller other;

    /** {@code other}: what sends the other signals and explains a refusal ({@link JnaSignaller}). */
    public ProcessHandleSignaller(ProcessSignaller other) {
        this.other = other;
    }

    @Override
    public boolean send(long pid, Signal signal) {
        ProcessSignaller.requireProcessId(pid, signal);
        if ((signal != Signal.TERM && signal != Signal.KILL) || pid == ProcessHandle.current().pid()) {
            return other.send(pid, signal);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return false; // no such process (ESRCH)
        }
        ProcessHandle p = process.get();
        if (signal == Signal.KILL ? p.destroyForcibly() : p.destroy()) {
            return true;
        }
        // refused: gone meanwhile, or not ours to signal (EPERM), which the other one reports
        return p.isAlive() && other.send(pid, signal);
    }
}
