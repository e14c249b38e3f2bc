package org.jvirt.state;

import org.jvirt.xml.DomainStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.xml.StatusXml;

/**
 * Run-time status of active domains as {@code <run dir>/<name>.status.xml} (0600, atomic;
 * the run dir is created 0700). Written at start and after every live change, deleted at stop;
 * read back by a new connection to reconnect.
 */
public final class StatusStore {
    /** The status file name: {@code NAME.status.xml}. */
    public static final String SUFFIX = ".status.xml";

    private final Path runDir;
    private final StatusXml xml;

    public StatusStore(Path runDir, StatusXml xml) {
        this.runDir = runDir;
        this.xml = xml;
    }

    public StatusStore(Path runDir) {
        this(runDir, new StatusXml());
    }

    public Path fileOf(String name) {
        return runDir.resolve(FileNames.component(name, SUFFIX));
    }

    public void save(DomainStatus status) {
        if (!Files.isDirectory(runDir)) {
            AtomicFile.ensureDirectory(runDir, "rwx------");
        }
        AtomicFile.replace(fileOf(status.name()), xml.write(status));
    }

    /** The status of {@code name}; empty when there is no file; XML_ERROR naming the file when broken. */
    public Optional<DomainStatus> load(String name) {
        Path f = fileOf(name);
        try {
            return Optional.of(parse(f, Files.readString(f, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot read " + f + ": " + IoReason.of(e), e);
        }
    }

    private DomainStatus parse(Path f, String text) {
        try {
            return xml.read(text);
        } catch (VirtException e) {
            throw new VirtException(e.code(), e.domain(), f + ": " + e.getMessage(), e);
        }
    }

    /**
     * What identifies the current version of {@code name}'s status file: its inode, modification
     * time and size (every save replaces the file, so each has a new inode); empty without a file.
     */
    public Optional<Object> stamp(String name) {
        try {
            return Optional.of(stampOf(fileOf(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot read " + fileOf(name) + ": " + e, e);
        }
    }

    private static Object stampOf(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        // compared with equals, never printed: FileTime.toString formats a date (java.time's
        // set-up, some milliseconds of a one-shot command); the key may be null, so not List.of
        return Arrays.asList(a.fileKey(), a.lastModifiedTime(), a.size());
    }

    public boolean delete(String name) {
        try {
            return Files.deleteIfExists(fileOf(name));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot delete " + fileOf(name) + ": " + IoReason.of(e), e);
        }
    }

    /**
     * Every status file and every one that could not be loaded, with the {@link #stamp} each
     * loaded file had before it was read (by domain name): a later stamp equal to it means the
     * file is still the version read.
     */
    public record Loaded(List<DomainStatus> statuses, List<StoredFile> broken, Map<String, Object> stamps) {
        public Loaded {
            statuses = List.copyOf(statuses);
            broken = List.copyOf(broken);
            stamps = Map.copyOf(stamps);
        }
    }

    /** The status files, sorted. */
    public List<Path> files() {
        return ConfigStore.list(runDir, SUFFIX, null);
    }

    /** The name of the domain a status file describes; empty when it cannot be read. */
    public Optional<String> nameIn(Path file) {
        try {
            return Optional.of(xml.read(Files.readString(file, StandardCharsets.UTF_8)).name());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Loaded loadAll() {
        List<DomainStatus> ok = new ArrayList<>();
        List<StoredFile> broken = new ArrayList<>();
        Map<String, Object> stamps = new HashMap<>();
        for (Path f : files()) {
            try {
                Object stamp = stampOf(f);
                DomainStatus s = xml.read(Files.readString(f, StandardCharsets.UTF_8));
                if (!fileOf(s.name()).getFileName().equals(f.getFileName())) {
                    broken.add(new StoredFile(f, "holds domain '" + s.name() + "', expected file " + fileOf(s.name())));
                } else {
                    ok.add(s);
                    stamps.put(s.name(), stamp);
                }
            } catch (IOException e) {
                broken.add(new StoredFile(f, "cannot read: " + e));
            } catch (RuntimeException e) {
                broken.add(new StoredFile(f, String.valueOf(e.getMessage())));
            }
        }
        return new Loaded(ok, broken, stamps);
    }
}
