package org.jvirt.linux.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import org.jvirt.linux.ProcessSignaller;
import org.jvirt.linux.Signal;
import org.jvirt.linux.Ticker;

/**
 * Kills what is left in a cgroup subtree before it is removed: SIGKILL to every pid found in
 * a cgroup.procs of the subtree, then polls every 200 ms; after 3 s the survivors are an error.
 */
final class ProcessSweeper {
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration LIMIT = Duration.ofSeconds(3);

    private final ProcessSignaller signals;
    private final Ticker ticker;

    ProcessSweeper(ProcessSignaller signals, Ticker ticker) {
        this.signals = signals;
        this.ticker = ticker;
    }

    void sweep(List<Path> tops) {
        long deadline = ticker.nanoTime() + LIMIT.toNanos();
        while (true) {
            TreeSet<Long> pids = new TreeSet<>();
            for (Path top : tops) {
                collect(top, pids);
            }
            if (pids.isEmpty()) {
                return;
            }
            if (ticker.nanoTime() - deadline >= 0) {
                throw CgroupFiles.error("cgroup: cannot remove " + tops.get(0) + ": processes still running after "
                        + LIMIT.toSeconds() + " s of SIGKILL: " + pids, null);
            }
            for (long pid : pids) {
                signals.send(pid, Signal.KILL);
            }
            ticker.sleep(POLL);
        }
    }

    private static void collect(Path dir, TreeSet<Long> pids) {
        Path procs = dir.resolve("cgroup.procs");
        if (Files.exists(procs)) {
            try {
                pids.addAll(CgroupFiles.readIds(procs));
            } catch (RuntimeException e) {
                // a threaded v2 group may refuse cgroup.procs; its threads show in the parent's
                if (Files.exists(dir)) {
                    collectThreads(dir, pids);
                }
            }
        }
        for (Path child : CgroupFiles.children(dir)) {
            collect(child, pids);
        }
    }

    private static void collectThreads(Path dir, TreeSet<Long> pids) {
        Path threads = dir.resolve("cgroup.threads");
        if (Files.exists(threads)) {
            try {
                pids.addAll(CgroupFiles.readIds(threads));
            } catch (RuntimeException ignored) {
                // gone meanwhile
            }
        }
    }
}
