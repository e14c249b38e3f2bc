package org.jvirt.driver.qemu.process;

import java.time.Duration;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;

/**
 * destroy's kill sequence (QEMU.md 8): SIGTERM, poll every 200 ms (here 20 ms), SIGKILL after
 * the grace period, error after the total timeout; and destroy --graceful's SIGTERM-only wait. A process counts as gone when /proc says it
 * is gone or a zombie, or its start time changed (pid reused).
 */
public final class ProcessKiller {
    private final ProcessSignaller signals;
    private final ProcFs proc;

    public ProcessKiller(ProcessSignaller signals, ProcFs proc) {
        this.signals = signals;
        this.proc = proc;
    }

    public boolean isSame(long pid, long startTicks) {
        return proc.isRunning(pid) && proc.isSameProcess(pid, startTicks);
    }

    public void kill(long pid, long startTicks, Duration grace, Duration timeout) {
        if (!isSame(pid, startTicks)) {
            return;
        }
        signals.send(pid, Signal.TERM);
        long start = System.nanoTime();
        boolean killed = false;
        while (isSame(pid, startTicks)) {
            long elapsed = System.nanoTime() - start;
            if (!killed && elapsed > grace.toNanos()) {
                signals.send(pid, Signal.KILL);
                killed = true;
            }
            if (elapsed > timeout.toNanos()) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "could not kill QEMU process %d within %d ms", pid, timeout.toMillis());
            }
            pause(pid);
        }
    }

    /**
     * destroy --graceful: SIGTERM only, then up to {@code timeout} for the process to end;
     * returns false when it is still there (it is never killed).
     */
    public boolean terminate(long pid, long startTicks, Duration timeout) {
        if (!isSame(pid, startTicks)) {
            return true;
        }
        signals.send(pid, Signal.TERM);
        long start = System.nanoTime();
        while (isSame(pid, startTicks)) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                return false;
            }
            pause(pid);
        }
        return true;
    }

    private static void pause(long pid) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "interrupted stopping %d", pid);
        }
    }
}
