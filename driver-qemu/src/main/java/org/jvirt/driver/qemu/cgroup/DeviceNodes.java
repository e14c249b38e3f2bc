package org.jvirt.driver.qemu.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Looks up device nodes (a seam: the real one stats the file system, tests use a map). */
@FunctionalInterface
public interface DeviceNodes {
    /** A character or block device node: its type letter ({@code c}/{@code b}) and numbers. */
    record Node(char type, long major, long minor) {
    }

    /** The node at {@code path}, following links; empty when it is missing or not a device. */
    Optional<Node> stat(Path path);

    /** stat(2) of the file system, an absolute {@code path} looked up below {@code root} ({@code /}: the host's). */
    static DeviceNodes under(Path root) {
        return path -> {
            try {
                Path at = path.isAbsolute() ? root.resolve(path.toString().substring(1)) : root.resolve(path);
                Map<String, Object> a = Files.readAttributes(at, "unix:mode,rdev");
                int fileType = ((Integer) a.get("mode")) & 0170000;
                char type = fileType == 0020000 ? 'c' : fileType == 0060000 ? 'b' : 0;
                if (type == 0) {
                    return Optional.empty();
                }
                long rdev = (Long) a.get("rdev");
                // glibc's gnu_dev_major / gnu_dev_minor
                long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
                return Optional.of(new Node(type, major, minor));
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        };
    }

    static DeviceNodes of(Map<Path, Node> nodes) {
        Map<Path, Node> copy = Map.copyOf(nodes);
        return path -> Optional.ofNullable(copy.get(path));
    }
}
