package org.jvirt.driver.qemu.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.jvirt.error.VirtException;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CgroupMode;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.linux.cgroup.CgroupV2Backend;

/**
 * Which cgroups a session may use. libvirt 9.0's session uses none (observed: every tuning is
 * "not available in session mode"). jvirt uses the cgroup v2 subtree the host delegates to the
 * user when the session's own process is inside it (systemd's {@code user@UID.service}, whose
 * directory and {@code cgroup.procs} / {@code cgroup.subtree_control} belong to the user), with
 * the controllers the delegation offers; domains' groups go below it
 * ({@code DELEGATED/PARTITION/qemu-NAME.jvirt-qemu}). Anywhere else, a v1 or hybrid host (its
 * hierarchies belong to root) or a v2 process outside a delegation (a login shell's
 * {@code session-N.scope} is root's), it uses none: {@link NoCgroups}, and threads are pinned by
 * {@code sched_setaffinity} alone.
 */
public final class SessionCgroups {
    private SessionCgroups() {
    }

    /** The session backend of {@code uid} on the host {@code env} gives, restricted to {@code wanted}. */
    public static CgroupBackend open(HostEnvironment env, long uid, Set<CgroupController> wanted) {
        return open(env, uid, wanted, SessionCgroups::owner);
    }

    /** As above, with {@code owner} telling who owns a file (the file system's owner; tests give their own). */
    public static CgroupBackend open(HostEnvironment env, long uid, Set<CgroupController> wanted,
                                     Function<Path, OptionalLong> owner) {
        CgroupMounts mounts;
        try {
            mounts = env.cgroupMounts();
        } catch (VirtException e) {
            return new NoCgroups("this host mounts no cgroup file system");
        }
        if (mounts.mode() != CgroupMode.V2 || mounts.unified().isEmpty()) {
            return new NoCgroups("a session has none: this host's cgroups are " + mounts.mode()
                    + ", whose hierarchies belong to root");
        }
        Path unified = mounts.unified().get();
        Optional<String> own = ownGroup(env.procRoot().resolve("self/cgroup"));
        if (own.isEmpty()) {
            return new NoCgroups("a session has none: this process's cgroup v2 group is unknown");
        }
        Optional<Path> delegated = delegated(unified, own.get(), uid, owner);
        if (delegated.isEmpty()) {
            return new NoCgroups("a session has none: no group above this process (" + own.get()
                    + ") is delegated to uid " + uid + " (a systemd user service's subtree is)");
        }
        if (delegated.get().equals(unified.resolve(own.get().substring(1)))) {
            return new NoCgroups("a session has none: the group delegated to uid " + uid + ", " + own.get()
                    + ", holds this process itself, so it cannot hold child groups with controllers");
        }
        Set<CgroupController> use = EnumSet.noneOf(CgroupController.class);
        for (String name : words(delegated.get().resolve("cgroup.controllers"))) {
            CgroupController.ofKernelName(name)
                    .filter(c -> wanted.isEmpty() || wanted.contains(c)).ifPresent(use::add);
        }
        return new CgroupV2Backend(delegated.get(), use, env.signaller(), env.ticker());
    }

    /** The v2 group of a {@code /proc/PID/cgroup} text ({@code 0::/PATH}). */
    static Optional<String> ownGroup(Path cgroupFile) {
        try {
            for (String line : Files.readAllLines(cgroupFile)) {
                if (line.startsWith("0::/")) {
                    return Optional.of(line.substring(3).strip());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The highest group on the way from the root to {@code own} that is delegated to {@code uid}:
     * its directory, cgroup.procs and cgroup.subtree_control belong to it.
     */
    static Optional<Path> delegated(Path unified, String own, long uid, Function<Path, OptionalLong> owner) {
        Path dir = unified;
        for (String component : own.substring(1).split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            dir = dir.resolve(component);
            if (ownedBy(dir, uid, owner) && ownedBy(dir.resolve("cgroup.procs"), uid, owner)
                    && ownedBy(dir.resolve("cgroup.subtree_control"), uid, owner)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean ownedBy(Path p, long uid, Function<Path, OptionalLong> owner) {
        OptionalLong o = owner.apply(p);
        return o.isPresent() && o.getAsLong() == uid;
    }

    private static OptionalLong owner(Path p) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(p, "unix:uid")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static Set<String> words(Path file) {
        try {
            return Set.of(Files.readString(file).strip().split("\\s+"));
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
    }
}
