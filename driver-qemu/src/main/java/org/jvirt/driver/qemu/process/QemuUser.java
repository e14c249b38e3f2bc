package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Who QEMU runs as (qemu.conf {@code user} and {@code group}): numeric ids, and the user name
 * when it was given by name (then QEMU gets that user's supplementary groups too).
 */
public record QemuUser(long uid, long gid, Optional<String> name) {
    public static final QemuUser ROOT = new QemuUser(0, 0, Optional.of("root"));

    public boolean isRoot() {
        return uid == 0 && gid == 0;
    }

    /**
     * {@code user} and {@code group} as qemu.conf gives them: a name, looked up in
     * {@code etc/passwd} and {@code etc/group}, or {@code +N} for a number.
     */
    public static QemuUser resolve(String user, String group, Path etc) {
        if (user.equals("root") && group.equals("root")) {
            return ROOT; // the default: nothing to look up
        }
        long uid;
        Optional<String> name;
        if (user.startsWith("+")) {
            uid = number(user, "user");
            name = Optional.empty();
        } else {
            uid = lookup(etc.resolve("passwd"), user, "user");
            name = Optional.of(user);
        }
        long gid = group.startsWith("+") ? number(group, "group") : lookup(etc.resolve("group"), group, "group");
        return new QemuUser(uid, gid, name);
    }

    private static long number(String text, String key) {
        try {
            long n = Long.parseLong(text.substring(1));
            if (n >= 0 && n <= 0xfffffffeL) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU,
                "qemu.conf: %s '%s' is not a name or +N with N a number from 0 to 4294967294", key, text);
    }

    /** The third field of the line whose first is {@code name} ({@code name:x:ID:...}). */
    private static long lookup(Path file, String name, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "qemu.conf: cannot look up %s '%s' in %s: %s",
                    key, name, file, e.getMessage());
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                try {
                    return Long.parseLong(f[2]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU,
                "qemu.conf: %s '%s' does not exist in %s (give a name that does, or +N)", key, name, file);
    }
}
