package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The driver's files: persistent definitions {@code CONFIG_DIR/NAME.xml} and, per active
 * container, {@code STATE_DIR/NAME.xml} (live definition) and {@code STATE_DIR/NAME.status}.
 * Every write is atomic (temp file, fsync, rename) with mode 0600 in a 0700 directory.
 */
public final class LxcStore {
    private static final String XML = ".xml";
    private static final String STATUS = ".status";

    private final Path configDir;
    private final Path stateDir;

    public LxcStore(Path configDir, Path stateDir) {
        this.configDir = configDir;
        this.stateDir = stateDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    public void saveConfig(String name, String xml) {
        write(configDir, name + XML, xml);
    }

    public void deleteConfig(String name) {
        delete(configDir.resolve(name + XML));
    }

    /** Every stored definition by file name (without {@code .xml}). */
    public Map<String, String> configs() {
        return list(configDir, XML);
    }

    public void saveStatus(String name, String liveXml, ContainerStatus status) {
        write(stateDir, name + XML, liveXml);
        write(stateDir, name + STATUS, status.format());
    }

    public void deleteStatus(String name) {
        delete(stateDir.resolve(name + STATUS));
        delete(stateDir.resolve(name + XML));
    }

    /** Names with a status file. */
    public Map<String, String> statuses() {
        return list(stateDir, STATUS);
    }

    public Optional<String> liveXml(String name) {
        return read(stateDir.resolve(name + XML));
    }

    private static Map<String, String> list(Path dir, String suffix) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + suffix)) {
            for (Path p : ds) {
                String file = p.getFileName().toString();
                read(p).ifPresent(text -> out.put(file.substring(0, file.length() - suffix.length()), text));
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot list " + dir + ": " + e, e);
        }
        return out;
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot read " + p + ": " + e, e);
        }
    }

    static void ensureDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot create " + dir + ": " + e, e);
        }
    }

    private static void write(Path dir, String file, String text) {
        ensureDir(dir);
        Path target = dir.resolve(file);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(text));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot write " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC, "cannot delete " + p + ": " + e, e);
        }
    }
}
