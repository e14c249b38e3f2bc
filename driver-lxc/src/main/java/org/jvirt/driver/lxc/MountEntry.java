package org.jvirt.driver.lxc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One mount stage 2 performs, as a line of the fstab(5) file it hands to {@code mount --all
 * --fstab}: one mount(8) process mounts a whole list, in order.
 *
 * @param source  a path, or a name for a file system without a device ({@code proc}, ...)
 * @param target  the absolute mount point (in the staging directory of the root)
 * @param type    the file system type, {@code none} for bind mounts
 * @param options mount(8) options, e.g. {@code bind}, {@code ro}, {@code X-mount.mkdir}
 */
public record MountEntry(String source, Path target, String type, List<String> options) {
    public MountEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        options = List.copyOf(options);
        if (!target.isAbsolute()) {
            throw new IllegalArgumentException("mount target must be absolute: " + target);
        }
    }

    /** A bind mount of {@code source} (recursive when {@code recursive}) onto {@code target}. */
    static MountEntry bind(Path source, Path target, boolean recursive, List<String> options) {
        List<String> all = new java.util.ArrayList<>();
        all.add(recursive ? "rbind" : "bind");
        all.addAll(options);
        return new MountEntry(source.toString(), target, "none", all);
    }

    /** The fstab line: fields separated by a space, each escaped as fstab(5) and libmount read them. */
    public String line() {
        return escape(source) + " " + escape(target.toString()) + " " + type + " " + String.join(",", options)
                + " 0 0";
    }

    /** The fstab file of {@code entries}, one line each. */
    public static String fstab(List<MountEntry> entries) {
        StringBuilder b = new StringBuilder();
        for (MountEntry e : entries) {
            b.append(e.line()).append('\n');
        }
        return b.toString();
    }

    /**
     * Octal escapes for every byte that would end or break a field (space, tab, newline,
     * backslash, '#', and anything outside printable ASCII), which libmount unescapes.
     */
    static String escape(String field) {
        StringBuilder b = new StringBuilder();
        for (byte x : field.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c <= ' ' || c >= 0x7f || c == '\\' || c == '#') {
                b.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
