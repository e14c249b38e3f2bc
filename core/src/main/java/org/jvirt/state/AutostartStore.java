package org.jvirt.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;

/**
 * Which persistent domains start when the host boots. On disk, as libvirt keeps it: a symbolic
 * link {@code <config dir>/autostart/<name>.xml} to the definition, so every process of the
 * driver (and {@code jvirsh start-autostart} at boot) sees the same marks. The test driver keeps
 * them in memory.
 */
public final class AutostartStore {
    private final Path dir;
    private final ConfigStore configs;
    private final Set<String> inMemory;

    private AutostartStore(Path dir, ConfigStore configs, Set<String> inMemory) {
        this.dir = dir;
        this.configs = configs;
        this.inMemory = inMemory;
    }

    public static AutostartStore inMemory() {
        return new AutostartStore(null, null, ConcurrentHashMap.newKeySet());
    }

    /** Links in {@code configs}' directory's {@code autostart} subdirectory. */
    public static AutostartStore links(ConfigStore configs) {
        return new AutostartStore(configs.dir().resolve("autostart"), configs, null);
    }

    /** The link of {@code name} (on disk only). */
    public Path linkOf(String name) {
        return dir.resolve(configs.fileOf(name).getFileName());
    }

    public boolean enabled(String name) {
        if (dir == null) {
            return inMemory.contains(name);
        }
        return Files.exists(linkOf(name), LinkOption.NOFOLLOW_LINKS);
    }

    public void set(String name, boolean enabled) {
        if (dir == null) {
            if (enabled) {
                inMemory.add(name);
            } else {
                inMemory.remove(name);
            }
            return;
        }
        Path link = linkOf(name);
        try {
            if (enabled) {
                if (!Files.isDirectory(dir)) {
                    AtomicFile.ensureDirectory(dir, "rwx------");
                }
                if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, configs.fileOf(name).toAbsolutePath());
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot " + (enabled ? "create" : "delete")
                    + " autostart link " + link + ": " + IoReason.of(e), e);
        }
    }
}
