package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.OptionalLong;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.driver.lxc.linux.NamespaceOps;
import org.jvirt.linux.LaunchSpec;
import org.jvirt.linux.LaunchedProcess;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.ProcessLauncher;
import org.jvirt.linux.Ticker;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;

/**
 * Starts a container's init inside its cgroup and namespaces (docs/lxc.md#how-a-container-starts
 * steps 3-8): run files and FIFO, {@code unshare ... ct-stage2}, find the namespace's PID 1, move
 * it into the cgroup, write the user namespace maps, release it, then hand it its root
 * ({@link InitHandover}) and wait until it runs init. Any failure kills what was started and
 * removes the run files; the cgroup is the caller's.
 */
final class LxcLauncher {
    private static final Duration POLL = Duration.ofNanos(200_000);

    private final ProcFs procs;
    private final ProcessLauncher launcher;
    private final Ticker ticker;
    private final InitHandover handover;

    LxcLauncher(ProcFs procs, ProcessLauncher launcher, Ticker ticker, NamespaceOps namespaces) {
        this.procs = procs;
        this.launcher = launcher;
        this.ticker = ticker;
        this.handover = new InitHandover(procs, namespaces, ticker);
    }

    LxcProcess launch(InitSpec spec, CgroupBackend cgroups, Cgroup group, Optional<IdMap> idmap, Path log,
                            Duration timeout, LongConsumer beforeRelease) {
        Path go = spec.goFifo();
        cleanRunFiles(spec);
        LaunchedProcess p = null;
        try {
            Files.createDirectories(spec.stage());
            StageFiles.write(spec, e -> Files.exists(procs.root().resolve(e)));
            if (idmap.isPresent()) {
                ownedByMappedRoot(spec, idmap.get());
            }
            Fifo.create(go);
            // Held open read-write: stage 2's open never blocks and the byte is never lost.
            try (FileChannel gate = FileChannel.open(go, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                p = start(spec, log);
                long deadline = ticker.nanoTime() + timeout.toNanos();
                long init = awaitInit(p, deadline, log);
                cgroups.attachProcess(group, init);
                OptionalLong started = procs.startTime(init);
                if (started.isEmpty()) {
                    throw failure("the container's init (pid " + init + ") vanished before it was released", log);
                }
                if (idmap.isPresent()) {
                    writeMaps(init, idmap.get());
                }
                beforeRelease.accept(init);
                gate.write(ByteBuffer.wrap("go\n".getBytes(StandardCharsets.US_ASCII)));
                handover.complete(p, init, spec, gate, deadline, log);
                return new LxcProcess(Optional.of(p), p.pid(), init, started.getAsLong());
            }
        } catch (IOException e) {
            kill(p);
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC,
                    "cannot start container '" + spec.name() + "': " + e, e);
        } catch (RuntimeException e) {
            kill(p);
            throw e;
        } finally {
            cleanRunFiles(spec);
        }
    }

    /** {@code unshare ... ct-stage2} with exactly the init's environment, in {@code /}, output to the log. */
    private LaunchedProcess start(InitSpec spec, Path log) throws IOException {
        List<String> argv = InitCommand.argv(spec);
        Map<String, String> env = InitCommand.environment(spec);
        Files.writeString(log, Instant.now() + ": starting up\n" + envLine(env) + String.join(" ", argv) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return launcher.start(new LaunchSpec(argv, env, false, Optional.of(Path.of("/")), log));
    }

    private static String envLine(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
        return b.toString();
    }

    /** The namespace's PID 1 is the only child of unshare: it appears within milliseconds. */
    private long awaitInit(LaunchedProcess p, long deadline, Path log) {
        while (true) {
            List<Long> children = childrenOf(p.pid());
            if (!children.isEmpty()) {
                return children.get(0);
            }
            if (!p.isAlive()) {
                throw failure("unshare exited with status " + exitValue(p) + " before the container's init existed",
                        log);
            }
            if (ticker.nanoTime() - deadline > 0) {
                throw failure("the container's init did not appear in time", log);
            }
            ticker.sleep(POLL);
        }
    }

    private List<Long> childrenOf(long pid) {
        try {
            return procs.children(pid);
        } catch (VirtException e) {
            return List.of(); // unshare is gone: the caller sees it exit
        }
    }

    /**
     * Stage 2 of a container in a user namespace becomes the namespace's root, a host id with no
     * rights on jvirt's run directory: it may pass through the directory and its parent (x for
     * others) and read the script (0755, jvirt's own code), and it owns its run directory and stage (and reads the fstab files and /dev template there).
     */
    private static void ownedByMappedRoot(InitSpec spec, IdMap map) throws IOException {
        long uid = map.hostRootUid().orElseThrow(() -> VirtException.of(ErrorCode.CONFIG_UNSUPPORTED,
                ErrorDomain.LXC, "<idmap>: the uid map must cover uid 0 inside the container"));
        long gid = map.hostRootGid().orElseThrow(() -> VirtException.of(ErrorCode.CONFIG_UNSUPPORTED,
                ErrorDomain.LXC, "<idmap>: the gid map must cover gid 0 inside the container"));
        Path own = spec.stage().getParent();
        for (Path p : List.of(own, spec.stage())) {
            Files.setAttribute(p, "unix:uid", (int) uid);
            Files.setAttribute(p, "unix:gid", (int) gid);
        }
        for (Path d : List.of(own.getParent(), own.getParent().getParent())) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(d);
            perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
            perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(d, perms);
        }
        Files.setPosixFilePermissions(spec.stage2(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void writeMaps(long pid, IdMap map) throws IOException {
        Files.writeString(procs.root().resolve(pid + "/uid_map"), map.uidMap());
        Files.writeString(procs.root().resolve(pid + "/gid_map"), map.gidMap());
    }

    private static void kill(LaunchedProcess p) {
        if (p == null) {
            return;
        }
        // --kill-child: the namespace's PID 1 dies with unshare, and with it the whole namespace
        p.kill();
        p.waitFor(Duration.ofSeconds(5));
    }

    /** The exit status of a process known to have ended. */
    private static int exitValue(LaunchedProcess p) {
        return p.waitFor(Duration.ZERO).orElse(-1);
    }

    static void cleanRunFiles(InitSpec spec) {
        try {
            Files.deleteIfExists(spec.goFifo());
        } catch (IOException ignored) {
            // best effort: a leftover is replaced at the next start
        }
    }

    private static VirtException failure(String what, Path log) {
        return InitHandover.failure(what, log);
    }
}
