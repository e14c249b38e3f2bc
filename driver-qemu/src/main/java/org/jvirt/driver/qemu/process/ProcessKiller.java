package org.jvirt.driver.qemu.process;

import java.time.Duration;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.linux.Ticker;

/**
 * destroy's kill sequence (docs/qemu.md#live-operations): SIGTERM, poll every 200 ms (here 20 ms), SIGKILL after
 * the grace period, error after the total timeout; and destroy --graceful's SIGTERM-only wait. A process counts as gone when /proc says it
 * is gone or a zombie, or its start time changed (pid reused).
 */
public final class ProcessKiller {
    private static final Duration POLL = Duration.ofMillis(20);

    private final ProcessSignaller signals;
    private final ProcFs proc;
    private final Ticker ticker;

    public ProcessKiller(ProcessSignaller signals, ProcFs proc, Ticker ticker) {
        this.signals = signals;
        this.proc = proc;
        this.ticker = ticker;
    }

    public boolean isSame(long pid, long startTime) {
        // one read of /proc/PID/stat for both: neither a zombie nor dead, and the same start
        Optional<ProcFs.Stat> stat = proc.stat(pid, pid);
        return stat.isPresent() && stat.get().state() != 'Z' && stat.get().state() != 'X'
                && stat.get().startTime() == startTime;
    }

    public void kill(long pid, long startTime, Duration grace, Duration timeout) {
        if (!isSame(pid, startTime)) {
            return;
        }
        signals.send(pid, Signal.TERM);
        long start = ticker.nanoTime();
        boolean killed = false;
        while (isSame(pid, startTime)) {
            long elapsed = ticker.nanoTime() - start;
            if (!killed && elapsed > grace.toNanos()) {
                signals.send(pid, Signal.KILL);
                killed = true;
            }
            if (elapsed > timeout.toNanos()) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                        "could not kill QEMU process %d within %d ms", pid, timeout.toMillis());
            }
            ticker.sleep(POLL);
        }
    }

    /**
     * destroy --graceful: SIGTERM only, then up to {@code timeout} for the process to end;
     * returns false when it is still there (it is never killed).
     */
    public boolean terminate(long pid, long startTime, Duration timeout) {
        if (!isSame(pid, startTime)) {
            return true;
        }
        signals.send(pid, Signal.TERM);
        long start = ticker.nanoTime();
        while (isSame(pid, startTime)) {
            if (ticker.nanoTime() - start > timeout.toNanos()) {
                return false;
            }
            ticker.sleep(POLL);
        }
        return true;
    }
}
