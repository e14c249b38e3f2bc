package org.jvirt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The cgroups a test's cgroup partition left behind, in every hierarchy of the host. */
final class PartitionGroups {
    private PartitionGroups() {
    }

    /**
     * Removes the empty groups of each of {@code partitions} in every hierarchy (cgroup v1's, and
     * v2's unified tree); returns the partitions' directories that were there, one per hierarchy.
     */
    static List<Path> removeEmpty(String... partitions) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String partition : partitions) {
            List<Path> roots;
            try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
                roots = new ArrayList<>(hierarchies.map(h -> h.resolve(partition)).toList());
            }
            roots.add(Path.of("/sys/fs/cgroup", partition));
            for (Path root : roots) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                found.add(root);
                try (var groups = Files.walk(root)) {
                    for (Path g : groups.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(g);
                    }
                }
            }
        }
        return found;
    }
}
