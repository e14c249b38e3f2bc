package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The driver's files: persistent definitions {@code CONFIG_DIR/NAME.xml} (through core's
 * ConfigStore) and status files {@code STATE_DIR/NAME.status}, written atomically (temp file,
 * fsync, rename) with mode 0600; directories 0700.
 *
 * <p>Open item: the status file is JSON with the live domain XML embedded; core's
 * {@code StatusStore} (domstatus XML) landed late and is not used yet.
 */
public final class StateFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configDir;
    private final Path stateDir;

    public StateFiles(Path configDir, Path stateDir) {
        this.configDir = configDir;
        this.stateDir = stateDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Persistent definitions: core's atomic, 0600 {@link org.jvirt.state.ConfigStore}. */
    public org.jvirt.state.ConfigStore configs() {
        return new org.jvirt.state.ConfigStore(configDir);
    }

    public Path statusFile(String name) {
        return stateDir.resolve(fileName(name) + ".status");
    }

    public Path monitorSocket(String name) {
        return stateDir.resolve(fileName(name) + ".monitor");
    }

    public Path pidFile(String name) {
        return stateDir.resolve(fileName(name) + ".pid");
    }

    public Path lockFile(String name) {
        return stateDir.resolve(fileName(name) + ".lock");
    }

    /** Domain names may hold any character but '/'; a leading '.' is kept harmless. */
    static String fileName(String name) {
        return name.startsWith(".") ? "_" + name : name;
    }

    public static void ensureDir(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot create directory %s: %s", dir,
                    e.getMessage());
        }
    }

    public static void writeAtomically(Path file, String text) {
        ensureDir(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot write %s: %s", file,
                    e.getMessage());
        }
    }

    public void writeStatus(QemuStatus status) {
        try {
            writeAtomically(statusFile(status.name()), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise status", e);
        }
    }

    public Optional<QemuStatus> readStatus(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), QemuStatus.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public List<Path> statuses() {
        return list(stateDir, ".status");
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to keep
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(suffix) && !p.getFileName().toString().startsWith(".")
                    || p.getFileName().toString().startsWith("_") && p.getFileName().toString().endsWith(suffix))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot list %s: %s", dir, e.getMessage());
        }
        return out;
    }
}
