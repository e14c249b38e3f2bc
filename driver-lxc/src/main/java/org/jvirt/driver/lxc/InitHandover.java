package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.driver.lxc.linux.NamespaceOps;
import org.jvirt.linux.LaunchedProcess;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.Ticker;

/**
 * The end of a container start, once stage 2 has been released
 * (docs/lxc.md#how-a-container-starts steps 6-8): wait until PID 1 waits in its last shell
 * (every mount done, capabilities and ids taken), make the assembled root the namespace's root
 * and detach the host's, set the host name, let PID 1 execute init, and wait until it runs it.
 */
final class InitHandover {
    private static final Duration POLL = Duration.ofNanos(200_000);

    private final ProcFs procs;
    private final NamespaceOps namespaces;
    private final Ticker ticker;

    InitHandover(ProcFs procs, NamespaceOps namespaces, Ticker ticker) {
        this.procs = procs;
        this.namespaces = namespaces;
        this.ticker = ticker;
    }

    /** {@code gate}: the FIFO stage 2 reads (PID 1 keeps it open as file descriptor 3). */
    void complete(LaunchedProcess p, long init, InitSpec spec, FileChannel gate, long deadline, Path log) throws IOException {
        List<String> waiting = InitCommand.waitingStep(spec);
        awaitWaiting(p, spec.files().readyFile(), deadline, log);
        namespaces.pivotRoot(init, spec.stage(), LxcMounts.OLD_ROOT);
        namespaces.setHostName(init, InitCommand.hostname(spec.name()));
        gate.write(ByteBuffer.wrap("init\n".getBytes(StandardCharsets.US_ASCII)));
        awaitInitExecuted(p, init, waiting, deadline);
    }

    /**
     * Until the waiting shell has written its line: it runs its script, every library loaded (its
     * command line alone shows as soon as it is executed, while the loader still reads the host's
     * root); a failure once stage 2 has ended.
     */
    private void awaitWaiting(LaunchedProcess p, Path ready, long deadline, Path log) {
        while (size(ready) == 0) {
            if (!p.isAlive()) {
                throw failure("the container exited with status " + p.waitFor(Duration.ZERO).orElse(-1) + " while its root was set up", log);
            }
            if (ticker.nanoTime() - deadline > 0) {
                throw failure("the container's stage 2 did not finish in time", log);
            }
            ticker.sleep(POLL);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Until PID 1 runs the init itself, no longer the waiting shell: a signal to a namespace's
     * PID 1 is dropped unless it has a handler, and the shell has none, so a shutdown right after
     * the start would go unseen. Returns as well when PID 1 is gone already (an init that ended
     * at once, or could not be executed: the exit is reported as usual) or at the deadline.
     */
    private void awaitInitExecuted(LaunchedProcess p, long init, List<String> waiting, long deadline) {
        while (p.isAlive() && procs.isRunning(init) && ticker.nanoTime() - deadline < 0) {
            if (!beforeInit(procs.cmdline(init), waiting)) {
                return;
            }
            ticker.sleep(POLL);
        }
    }

    /**
     * Whether a command line of PID 1 is still the waiting shell (exactly as planned) or an exec
     * in progress (read as empty). Anything else is the init, whatever runs it (a script's
     * interpreter, a path found in PATH).
     */
    static boolean beforeInit(List<String> cmdline, List<String> waiting) {
        return cmdline.isEmpty() || cmdline.equals(waiting);
    }

    static VirtException failure(String what, Path log) {
        return VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.LXC, "container start failed: %s%s", what,
                LogTail.of(log));
    }
}
