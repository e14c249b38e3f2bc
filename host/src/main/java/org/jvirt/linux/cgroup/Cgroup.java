package org.jvirt.linux.cgroup;

import java.util.Arrays;
import java.util.List;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * A cgroup named relative to the root of its hierarchy, e.g.
 * {@code machine/qemu-1-web.jvirt-qemu/vcpu0}; the empty path is the root itself. The same
 * name denotes the group in every v1 hierarchy and in the v2 tree. Components are checked: no
 * empty, {@code .} or {@code ..} component and no NUL, so a name never escapes the hierarchy.
 */
public record Cgroup(String path) {
    public static final Cgroup ROOT = new Cgroup("");

    public Cgroup {
        if (path == null) {
            throw invalid("cgroup path is missing");
        }
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty()) {
            for (String c : p.split("/", -1)) {
                checkComponent(c, path);
            }
        }
        path = p;
    }

    /** The group at {@code path} ({@code /machine/x} and {@code machine/x} are the same). */
    public static Cgroup of(String path) {
        return new Cgroup(path);
    }

    /** A child group; {@code name} is one path component. */
    public Cgroup child(String name) {
        checkComponent(name, name);
        return new Cgroup(path.isEmpty() ? name : path + "/" + name);
    }

    public boolean isRoot() {
        return path.isEmpty();
    }

    /** The parent group (the root's parent is the root). */
    public Cgroup parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? ROOT : new Cgroup(path.substring(0, slash));
    }

    /** The last component ({@code ""} for the root). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The components from the top, empty for the root. */
    public List<String> components() {
        return path.isEmpty() ? List.of() : Arrays.asList(path.split("/"));
    }

    /** {@code /path}, as /proc/PID/cgroup shows it. */
    @Override
    public String toString() {
        return "/" + path;
    }

    private static void checkComponent(String c, String whole) {
        if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('/') >= 0 || c.indexOf('\0') >= 0) {
            throw invalid("invalid cgroup path '" + whole.replace("\0", "\\0")
                    + "': components must be non-empty, not '.' or '..', without NUL");
        }
    }

    private static VirtException invalid(String message) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.CGROUP, message);
    }
}
