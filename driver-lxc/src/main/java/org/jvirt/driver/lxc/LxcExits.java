package org.jvirt.driver.lxc;

import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.jvirt.StateReason;
import org.jvirt.error.VirtException;
import org.jvirt.log.LazyLogger;

/**
 * What happens to a container between jobs (docs/lxc.md#stopping-exits-reboot): the end of its
 * init, heard from unshare's exit (a container started by this connection) or by polling /proc
 * (one taken over), is the container's own unless jvirt is stopping it ({@link LxcRunState});
 * an init that rebooted is started again from the live definition, any other end is reported as
 * a shutdown or a crash. Runs on the connection's executors and takes the runtime's monitor,
 * never the job, except to report (after releasing the monitor).
 */
final class LxcExits {
    private static final LazyLogger LOG = LazyLogger.of(LxcExits.class);
    private static final long POLL_MS = 200;

    private final LxcLifecycle life;
    private final ExecutorService exits;
    private final ExitPoller poller;

    LxcExits(LxcLifecycle life, ExecutorService exits, ExitPoller poller) {
        this.life = life;
        this.exits = exits;
        this.poller = poller;
    }

    /** Watches instance {@code p} of {@code rt} until it ends. */
    void watch(LxcRuntime rt, LxcProcess p) {
        try {
            if (p.process().isPresent()) {
                p.process().get().onExit().thenAcceptAsync(x -> exited(rt, p, OptionalInt.of(x)), exits);
            } else {
                poll(rt, p);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("connection closed: container '{}' is no longer watched", rt.name);
        }
    }

    private void poll(LxcRuntime rt, LxcProcess p) {
        poller.schedule(() -> {
            synchronized (rt) {
                if (rt.instance != p) {
                    return;
                }
            }
            try {
                if (life.isRunning(p)) {
                    poll(rt, p);
                } else {
                    exits.execute(() -> exited(rt, p, OptionalInt.empty()));
                }
            } catch (RuntimeException e) {
                // the poller's thread runs every container's polls: one failure must not end it
                LOG.debug("container '{}' is no longer watched: {}", rt.name, e.toString());
            }
        }, POLL_MS);
    }

    /**
     * The container stopped by itself; {@code status} is unknown for a reattached one. An init
     * that rebooted is started again from the live definition, and core writes the new status.
     */
    private void exited(LxcRuntime rt, LxcProcess p, OptionalInt status) {
        StateReason reason;
        synchronized (rt) {
            if (rt.instance != p || !rt.state().reportsExit()) {
                return;
            }
            ExitStatus how = status.isPresent() ? ExitStatus.of(status.getAsInt()) : null;
            LOG.info("container '{}' stopped by itself (status {})", rt.name, status);
            try {
                life.teardown(rt.name, rt.cgroup);
            } catch (VirtException e) {
                LOG.warn("container '{}': cleanup after exit failed: {}", rt.name, e.getMessage());
            }
            rt.instance = null;
            rt.fire(LxcRunState.Event.EXITED);
            reason = how == null ? StateReason.UNKNOWN : how == ExitStatus.REBOOT ? StateReason.CRASHED : how.reason();
            if (how == ExitStatus.REBOOT && restart(rt)) {
                reason = null;
            }
        }
        if (reason == null) {
            rt.watcher.restarted();
        } else {
            rt.watcher.stopped(reason);
        }
    }

    /** Starts a new instance from the live definition (held: the runtime's monitor). */
    private boolean restart(LxcRuntime rt) {
        try {
            LxcProcess next = life.start(rt.live, rt.allowed, rt.numad);
            rt.instance = next;
            rt.fire(LxcRunState.Event.RESTARTED);
            watch(rt, next);
            return true;
        } catch (VirtException e) {
            LOG.warn("container '{}': restart after reboot failed: {}", rt.name, e.getMessage());
            return false;
        }
    }
}
