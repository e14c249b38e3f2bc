package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The file systems stage 2 mounts to assemble a container's root
 * (docs/lxc.md#what-the-container-sees-and-what-its-root-may-do), in two lists for
 * {@code mount --all}: before {@code /dev} is filled and after.
 * <ol>
 * <li>the root (recursive bind, read-only with {@code <readonly/>});</li>
 * <li>a new {@code proc}; its {@code sys} read-only (with a network namespace of its own,
 * {@code sys/net/ipv4} and {@code ipv6} stay writable, as in libvirt) and, read-only too,
 * {@code sysrq-trigger}, {@code irq}, {@code bus} and {@code fs} where the kernel has them;</li>
 * <li>{@code sysfs} read-only (in a user namespace without a network namespace, where the kernel
 * refuses a new sysfs, the host's, bound read-only);</li>
 * <li>{@code /dev}: a small tmpfs, then (second list) the host's {@code null}, {@code zero},
 * {@code full}, {@code random}, {@code urandom} and {@code tty} bound onto empty files, a
 * private {@code devpts} instance and a tmpfs {@code /dev/shm};</li>
 * <li>the definition's other filesystems ({@link LxcFilesystems}).</li>
 * </ol>
 */
final class LxcMounts {
    /** Host devices bound into the container's {@code /dev}. */
    static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");
    /** /proc entries bound read-only onto themselves, where the kernel has them. */
    static final List<String> PROC_READ_ONLY = List.of("sysrq-trigger", "irq", "bus", "fs");
    /** The size of the container's /dev tmpfs: device nodes and links only. */
    static final String DEV_SIZE = "1024k";
    /** Where the host's root goes for the moment of the root change (a directory of /dev). */
    static final String OLD_ROOT = "dev/.jvirt-oldroot";

    private LxcMounts() {
    }

    /** The two lists of one start. */
    record Plan(List<MountEntry> early, List<MountEntry> late) {
        Plan {
            early = List.copyOf(early);
            late = List.copyOf(late);
        }
    }

    /**
     * The mounts for {@code spec}'s root; {@code procHas} tells which {@code /proc} entries the
     * (host's, hence the container's) kernel has; {@code filesystems} are the definition's own,
     * mounted last.
     */
    static Plan plan(InitSpec spec, Predicate<String> procHas, List<MountEntry> filesystems) {
        Objects.requireNonNull(procHas, "procHas");
        Path s = spec.stage();
        List<MountEntry> early = new ArrayList<>();
        early.add(MountEntry.bind(spec.rootSource(), s, true, spec.readonly() ? List.of("ro") : List.of()));
        Path proc = s.resolve("proc");
        early.add(new MountEntry("proc", proc, "proc", List.of("nosuid", "nodev", "noexec", "X-mount.mkdir")));
        if (spec.net()) {
            for (String ip : List.of("ipv4", "ipv6")) {
                if (procHas.test("sys/net/" + ip)) {
                    Path p = proc.resolve("sys/net").resolve(ip);
                    early.add(MountEntry.bind(p, p, false, List.of()));
                }
            }
        }
        // recursive, so that the writable net binds above stay; the remount to read-only is not
        early.add(MountEntry.bind(proc.resolve("sys"), proc.resolve("sys"), true,
                List.of("ro", "nosuid", "nodev", "noexec")));
        for (String e : PROC_READ_ONLY) {
            if (procHas.test(e)) {
                early.add(MountEntry.bind(proc.resolve(e), proc.resolve(e), false, List.of("ro")));
            }
        }
        early.add(sysfs(spec));
        Path dev = s.resolve("dev");
        early.add(new MountEntry("jvirt-dev", dev, "tmpfs", List.of("mode=755", "size=" + DEV_SIZE, "nosuid",
                "X-mount.mkdir")));
        List<MountEntry> late = new ArrayList<>();
        for (String d : DEVICES) {
            late.add(MountEntry.bind(Path.of("/dev", d), dev.resolve(d), false, List.of()));
        }
        late.add(new MountEntry("devpts", dev.resolve("pts"), "devpts", List.of("newinstance", "ptmxmode=0666",
                "mode=0620")));
        late.add(new MountEntry("shm", dev.resolve("shm"), "tmpfs", List.of("mode=1777", "nosuid", "nodev")));
        late.addAll(filesystems);
        return new Plan(early, late);
    }

    /**
     * A new sysfs, read-only, where the kernel gives one: with a network namespace of its own
     * (sysfs belongs to a network namespace), or an own root outside a user namespace. Else the
     * host's {@code /sys} bound read-only: in a user namespace with its submounts (the kernel
     * refuses to bind it without them there; they stay the host's, which the namespace's root
     * cannot write), on a shared root without them (a new sysfs would be the one already mounted
     * there, which the kernel refuses to mount twice in one place).
     */
    private static MountEntry sysfs(InitSpec spec) {
        Path sys = spec.stage().resolve("sys");
        List<String> options = List.of("ro", "nosuid", "nodev", "noexec", "X-mount.mkdir");
        boolean sharedRoot = spec.rootSource().equals(Path.of("/"));
        if (spec.net() || !spec.user() && !sharedRoot) {
            return new MountEntry("sysfs", sys, "sysfs", options);
        }
        return MountEntry.bind(Path.of("/sys"), sys, spec.user(), options);
    }
}
