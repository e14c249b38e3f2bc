package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * {@code <inituser>} and {@code <initgroup>} as numeric ids: a number is taken as is, a name is
 * looked up in the container's own {@code /etc/passwd} / {@code /etc/group} (the host's when it
 * shares the host root), as libvirt resolves them after the root change.
 */
public final class UserIds {
    private UserIds() {
    }

    /** A resolved user: its uid and primary gid. */
    public record User(int uid, OptionalInt gid) {
    }

    public static User user(Path root, String user) {
        if (isNumber(user)) {
            int uid = parse(user, "inituser");
            OptionalInt gid = OptionalInt.empty();
            for (String[] f : entries(root, "/etc/passwd", 4)) {
                if (f[2].equals(user.strip())) {
                    gid = OptionalInt.of(parse(f[3], "/etc/passwd"));
                    break;
                }
            }
            return new User(uid, gid);
        }
        for (String[] f : entries(root, "/etc/passwd", 4)) {
            if (f[0].equals(user)) {
                return new User(parse(f[2], "/etc/passwd"), OptionalInt.of(parse(f[3], "/etc/passwd")));
            }
        }
        throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC,
                "inituser: no user '%s' in the container's /etc/passwd (root %s)", user, root);
    }

    public static int group(Path root, String group) {
        if (isNumber(group)) {
            return parse(group, "initgroup");
        }
        for (String[] f : entries(root, "/etc/group", 3)) {
            if (f[0].equals(group)) {
                return parse(f[2], "/etc/group");
            }
        }
        throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC,
                "initgroup: no group '%s' in the container's /etc/group (root %s)", group, root);
    }

    private static boolean isNumber(String s) {
        String t = s.strip();
        return !t.isEmpty() && t.chars().allMatch(Character::isDigit);
    }

    private static int parse(String s, String where) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC,
                    "%s: '%s' is not a usable numeric id (0 to %d)", where, s, Integer.MAX_VALUE);
        }
    }

    private static List<String[]> entries(Path root, String file, int minFields) {
        Optional<Path> p = RootPaths.resolve(root, file);
        if (p.isEmpty() || !Files.isRegularFile(p.get())) {
            return List.of();
        }
        try {
            return Files.readAllLines(p.get(), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.startsWith("#"))
                    .map(l -> l.split(":", -1))
                    .filter(f -> f.length >= minFields)
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC,
                    "cannot read " + file + " of the container root " + root + ": " + e.getMessage(), e);
        }
    }
}
