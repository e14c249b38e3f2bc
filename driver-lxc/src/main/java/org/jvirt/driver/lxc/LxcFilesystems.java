package org.jvirt.driver.lxc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Filesystem;
import org.jvirt.model.MemoryUnit;
import org.jvirt.model.OpaqueNode;

/**
 * The {@code <filesystem>}s of a container other than its root, mounted in document order once
 * {@code /dev} is in place (as libvirt's LXC driver mounts them):
 * <ul>
 * <li>{@code type='mount'}: the host directory (or file) {@code <source dir>} bind-mounted at the
 * target;</li>
 * <li>{@code type='bind'}: a directory of the container's own root bind-mounted elsewhere in it;</li>
 * <li>{@code type='ram'}: a tmpfs of {@code <source usage units>} (units default KiB).</li>
 * </ul>
 * {@code <readonly/>} makes the mount read-only. A target is an absolute path inside the
 * container, without {@code ..}, outside {@code /proc}, {@code /sys} and {@code /dev} (jvirt's
 * own mounts); symbolic links on the way are followed inside the container's root, as they
 * would be after the root change; a missing directory is created (not in a read-only root).
 */
final class LxcFilesystems {
    private static final List<String> TYPES = List.of("mount", "bind", "ram");
    private static final List<String> OWN = List.of("/proc", "/sys", "/dev");

    private LxcFilesystems() {
    }

    /** What can be checked in the definition alone (at start, as libvirt does: a definition is stored as written). */
    static void check(DomainDef def) {
        Set<String> targets = new HashSet<>();
        for (Filesystem f : def.devices().of(Filesystem.class)) {
            if (InitPlanner.isRoot(f.targetDir())) {
                checkRoot(f);
                continue;
            }
            String t = f.targetDir();
            if (!TYPES.contains(f.type())) {
                throw unsupported("filesystem: type '%s' (target '%s') is not supported for containers (mount, bind "
                        + "or ram)", f.type(), t);
            }
            if (f.accessmode().isPresent() && !f.accessmode().get().equals("passthrough")) {
                throw unsupported("filesystem: accessmode '%s' (target '%s') is not supported for containers (only "
                        + "passthrough)", f.accessmode().get(), t);
            }
            checkTarget(t);
            if (!targets.add(normal(t))) {
                throw unsupported("filesystem: two filesystems have the target '%s'", t);
            }
            if (f.type().equals("ram")) {
                ramBytes(f);
            } else {
                String src = f.sourceDir().orElseThrow(() -> unsupported("filesystem: type '%s' (target '%s') needs "
                        + "<source dir='...'/>", f.type(), t));
                if (!src.startsWith("/")) {
                    throw unsupported("filesystem: source dir '%s' (target '%s') must be an absolute path%s", src, t,
                            f.type().equals("bind") ? " inside the container" : " on the host");
                }
            }
        }
    }

    private static void checkRoot(Filesystem f) {
        if (!f.type().equals("mount") || f.sourceDir().isEmpty()) {
            throw unsupported("filesystem: the root must be <filesystem type='mount'> with <source dir='...'/>, "
                    + "got type '%s'", f.type());
        }
        if (!f.sourceDir().get().startsWith("/")) {
            throw unsupported("filesystem: the root source dir '%s' must be an absolute host path", f.sourceDir().get());
        }
    }

    private static void checkTarget(String t) {
        if (!t.startsWith("/")) {
            throw unsupported("filesystem: target dir '%s' must be an absolute path inside the container", t);
        }
        if (List.of(t.split("/")).contains("..")) {
            throw unsupported("filesystem: target dir '%s' must not contain '..' (it would lead out of its place)", t);
        }
        String n = normal(t);
        for (String own : OWN) {
            if (n.equals(own) || n.startsWith(own + "/")) {
                throw unsupported("filesystem: target dir '%s' is inside %s, which jvirt mounts itself (any other "
                        + "absolute path is allowed)", t, own);
            }
        }
    }

    /** {@code /a//b/./c/} as {@code /a/b/c}. */
    static String normal(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The size of a {@code type='ram'} filesystem in bytes (at least 1 KiB: tmpfs takes 0 for "no limit"). */
    static long ramBytes(Filesystem f) {
        List<OpaqueNode.Element> sources = f.extras().elements("source");
        Optional<String> usage = sources.isEmpty() ? Optional.empty() : sources.get(0).attribute("usage");
        if (usage.isEmpty()) {
            throw VirtException.of(ErrorCode.XML_INVALID, ErrorDomain.LXC, "filesystem: missing 'usage' attribute "
                    + "for the RAM filesystem at '%s' (<source usage='N' units='KiB'/>)", f.targetDir());
        }
        long kib = MemoryUnit.toKiB(usage.get().strip(), sources.get(0).attribute("units").orElse(null),
                "filesystem " + f.targetDir() + " usage");
        if (kib < 1) {
            throw unsupported("filesystem: the RAM filesystem at '%s' needs a usage of at least 1 KiB", f.targetDir());
        }
        return Math.multiplyExact(kib, 1024L);
    }

    /**
     * The mounts of the non-root filesystems, with targets below {@code stage} (where the root is
     * assembled): every source is checked on the host now, and each target is placed as the
     * container will see it.
     */
    static List<MountEntry> mounts(DomainDef def, Path rootSource, boolean rootReadonly, Path stage) {
        check(def);
        List<MountEntry> out = new ArrayList<>();
        List<String[]> placed = new ArrayList<>(); // {target as written, its place inside the container}
        for (Filesystem f : def.devices().of(Filesystem.class)) {
            if (InitPlanner.isRoot(f.targetDir())) {
                continue;
            }
            String target = normal(f.targetDir());
            Path source = source(f, rootSource);
            boolean file = source != null && !Files.isDirectory(source);
            Place place = place(target, placed, rootSource, rootReadonly, file);
            placed.add(new String[] {target, place.inside()});
            Path at = stage.resolve(place.inside().substring(1));
            List<String> options = new ArrayList<>();
            if (f.readonly()) {
                options.add("ro");
            }
            if (place.create()) {
                options.add("X-mount.mkdir");
            }
            if (f.type().equals("ram")) {
                List<String> tmpfs = new ArrayList<>(List.of("size=" + ramBytes(f), "nosuid", "nodev"));
                tmpfs.addAll(options);
                out.add(new MountEntry("jvirt-ram", at, "tmpfs", tmpfs));
            } else {
                out.add(MountEntry.bind(source, at, false, options));
            }
        }
        return out;
    }

    /** The host path a bind mount takes, checked to exist; null for a RAM filesystem. */
    private static Path source(Filesystem f, Path rootSource) {
        if (f.type().equals("ram")) {
            return null;
        }
        String src = f.sourceDir().orElseThrow();
        if (f.type().equals("bind")) {
            return RootPaths.resolve(rootSource, src).orElseThrow(() -> unsupported("filesystem: source dir '%s' "
                    + "(target '%s') does not exist inside the container root '%s'", src, f.targetDir(), rootSource));
        }
        Path p = Path.of(src);
        if (!Files.exists(p)) {
            throw unsupported("filesystem: source dir '%s' (target '%s') does not exist on the host", src,
                    f.targetDir());
        }
        return p;
    }

    /** Where a target lies inside the container, and whether its directory must be made. */
    private record Place(String inside, boolean create) {
    }

    private static Place place(String target, List<String[]> placed, Path rootSource, boolean rootReadonly,
                               boolean file) {
        for (int i = placed.size() - 1; i >= 0; i--) {
            String[] earlier = placed.get(i);
            if (target.startsWith(earlier[0] + "/")) {
                // inside an earlier filesystem, which is not mounted yet: placed by name below it
                return new Place(earlier[1] + target.substring(earlier[0].length()), !file);
            }
        }
        RootPaths.Walk walk = RootPaths.walk(rootSource, target).orElseThrow(() -> unsupported("filesystem: target "
                + "dir '%s' cannot be followed inside the container root '%s' (a link loop, or a file on the way)",
                target, rootSource));
        String inside = walk.inside();
        for (String own : OWN) {
            if (inside.equals(own) || inside.startsWith(own + "/")) {
                throw unsupported("filesystem: target dir '%s' leads to %s inside the container (a link), which jvirt "
                        + "mounts itself", target, inside);
            }
        }
        if (inside.equals("/")) {
            throw unsupported("filesystem: target dir '%s' leads to the container's root (a link)", target);
        }
        if (walk.missing().isEmpty()) {
            if (file == Files.isDirectory(walk.existing())) {
                throw unsupported("filesystem: target '%s' is a %s inside the container, the source a %s", target,
                        file ? "directory" : "file", file ? "file" : "directory");
            }
            return new Place(inside, false);
        }
        if (file) {
            throw unsupported("filesystem: target '%s' must exist inside the container root for a file source",
                    target);
        }
        if (rootReadonly) {
            throw unsupported("filesystem: target dir '%s' does not exist in the read-only container root '%s'",
                    target, rootSource);
        }
        return new Place(inside, true);
    }

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC, format, args);
    }
}
