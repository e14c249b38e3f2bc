package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes what stage 2 reads into the container's run directory {@code NAME.d/} before it starts:
 * the two fstab files of {@link LxcMounts} and the template of its {@code /dev} (empty files
 * the devices are bound onto, {@code pts}, {@code shm}, the directory the old root passes through,
 * and the usual links).
 */
final class StageFiles {
    /** The links of the container's /dev. */
    static final Map<String, String> DEV_LINKS = Map.of("ptmx", "pts/ptmx", "fd", "/proc/self/fd",
            "stdin", "/proc/self/fd/0", "stdout", "/proc/self/fd/1", "stderr", "/proc/self/fd/2");

    private StageFiles() {
    }

    /** Writes the files of {@code spec} ({@code procHas}: which /proc entries the kernel has). */
    static void write(InitSpec spec, Predicate<String> procHas) throws IOException {
        InitPlanner.RunFiles f = spec.files();
        LxcMounts.Plan plan = LxcMounts.plan(spec, procHas, spec.filesystems());
        Files.writeString(f.earlyMounts(), MountEntry.fstab(plan.early()), StandardCharsets.UTF_8);
        Files.writeString(f.lateMounts(), MountEntry.fstab(plan.late()), StandardCharsets.UTF_8);
        Files.write(f.readyFile(), new byte[0]);
        Path dev = f.devTemplate();
        if (!Files.isDirectory(dev)) {
            Files.createDirectory(dev);
            for (String d : LxcMounts.DEVICES) {
                Files.createFile(dev.resolve(d));
            }
            for (String d : List.of("pts", "shm", LxcMounts.OLD_ROOT.substring("dev/".length()))) {
                Files.createDirectory(dev.resolve(d));
            }
            for (Map.Entry<String, String> l : DEV_LINKS.entrySet()) {
                Files.createSymbolicLink(dev.resolve(l.getKey()), Path.of(l.getValue()));
            }
        }
    }

    /**
     * Removes {@code NAME.d/}: the /dev template, the fstab files, the (empty) stage and the
     * directory itself. The stage is only ever removed when empty, never walked: it is where
     * the container's root was assembled.
     */
    static void delete(InitPlanner.RunFiles f) throws IOException {
        Path dev = f.devTemplate();
        if (Files.isDirectory(dev, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(dev)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.deleteIfExists(f.earlyMounts());
        Files.deleteIfExists(f.lateMounts());
        Files.deleteIfExists(f.readyFile());
        Files.deleteIfExists(f.stage());
        Files.deleteIfExists(f.dir());
    }
}
