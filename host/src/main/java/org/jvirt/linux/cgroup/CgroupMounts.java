package org.jvirt.linux.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Where a host mounts its cgroups, detected from a mountinfo text (/proc/self/mountinfo).
 * Mount points are resolved below {@code root} ({@code /} on a real host, a temp dir in tests).
 *
 * <ul>
 *   <li>{@link CgroupMode#V1}: only v1 controller hierarchies;</li>
 *   <li>{@link CgroupMode#HYBRID}: v1 controller hierarchies plus a cgroup2 tree (typically
 *       {@code /sys/fs/cgroup/unified} without controllers): jvirt uses v1;</li>
 *   <li>{@link CgroupMode#V2}: a cgroup2 tree and no v1 hierarchy with a controller (a v1
 *       {@code name=systemd} hierarchy alone does not count).</li>
 * </ul>
 *
 * @param v1 each v1 controller and the directory of its hierarchy
 * @param unified the cgroup2 mount, if any
 * @param unifiedControllers the controllers listed in the cgroup2 root's cgroup.controllers
 */
public record CgroupMounts(CgroupMode mode, Map<CgroupController, Path> v1, Optional<Path> unified,
        Set<CgroupController> unifiedControllers) {
    public CgroupMounts {
        v1 = Collections.unmodifiableMap(v1.isEmpty() ? new EnumMap<>(CgroupController.class) : new EnumMap<>(v1));
        unifiedControllers = Collections.unmodifiableSet(unifiedControllers.isEmpty()
                ? EnumSet.noneOf(CgroupController.class) : EnumSet.copyOf(unifiedControllers));
    }

    /** Reads {@code root/proc/self/mountinfo} and detects. */
    public static CgroupMounts detect(Path root) {
        Path mountinfo = root.resolve("proc/self/mountinfo");
        try {
            return parse(Files.readString(mountinfo), root);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.NO_CGROUP, ErrorDomain.CGROUP,
                    "cgroup: cannot read " + mountinfo + ": " + CgroupFiles.reason(e), e);
        }
    }

    /** Detects from a mountinfo text; the first mount of a controller wins. */
    public static CgroupMounts parse(String mountinfo, Path root) {
        Map<CgroupController, Path> v1 = new EnumMap<>(CgroupController.class);
        Path unified = null;
        for (String line : mountinfo.split("\n")) {
            // only cgroup mounts count: the others are not split up (a mount point's own spaces are escaped)
            if (!line.contains(" - cgroup")) {
                continue;
            }
            MountinfoLine m = MountinfoLine.parse(line);
            if (m == null) {
                continue;
            }
            Path where = root.resolve(m.mountPoint().substring(1));
            if (m.fsType().equals("cgroup2")) {
                if (unified == null) {
                    unified = where;
                }
            } else if (m.fsType().equals("cgroup")) {
                for (String option : m.superOptions().split(",")) {
                    Optional<CgroupController> c = CgroupController.ofKernelName(option);
                    if (c.isPresent() && !option.equals("io")) {
                        v1.putIfAbsent(c.get(), where);
                    }
                }
            }
        }
        if (v1.isEmpty() && unified == null) {
            throw VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.CGROUP,
                    "cgroup: no cgroup filesystem is mounted (no cgroup or cgroup2 line in mountinfo)");
        }
        Set<CgroupController> v2 = unified == null ? Set.of() : readControllers(unified);
        CgroupMode mode = v1.isEmpty() ? CgroupMode.V2 : unified == null ? CgroupMode.V1 : CgroupMode.HYBRID;
        return new CgroupMounts(mode, v1, Optional.ofNullable(unified), v2);
    }

    private static Set<CgroupController> readControllers(Path unified) {
        Path file = unified.resolve("cgroup.controllers");
        Set<CgroupController> set = EnumSet.noneOf(CgroupController.class);
        if (!Files.exists(file)) {
            return set;
        }
        // one line of names separated by single spaces (not a regular expression: every connection reads it)
        for (String name : CgroupFiles.read(file).strip().split(" ")) {
            CgroupController.ofKernelName(name).ifPresent(set::add);
        }
        return set;
    }

    /** The controllers the backend of this host could use. */
    public Set<CgroupController> available() {
        return mode == CgroupMode.V2 ? unifiedControllers : v1.keySet();
    }

    /** One mountinfo line: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTS". */
    record MountinfoLine(String mountPoint, String fsType, String superOptions) {
        static MountinfoLine parse(String line) {
            String[] f = line.trim().split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 7 || dash < 0 || dash + 1 >= f.length || !f[4].startsWith("/")) {
                return null;
            }
            String superOptions = dash + 3 < f.length ? f[dash + 3] : "";
            return new MountinfoLine(unescape(f[4]), f[dash + 1], superOptions);
        }

        /** mountinfo escapes space, tab, newline and backslash as \\ooo (octal). */
        static String unescape(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }
}
