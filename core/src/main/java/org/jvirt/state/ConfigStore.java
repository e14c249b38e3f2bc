package org.jvirt.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;

/**
 * Persistent definitions as {@code <dir>/<name>.xml} (0600, written atomically). Loading all
 * reports a broken file and goes on with the others. The directory is created (0700) on the
 * first save.
 */
public final class ConfigStore {
    private static final String SUFFIX = ".xml";

    private final Path dir;

    public ConfigStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path fileOf(String name) {
        return dir.resolve(FileNames.component(name, SUFFIX));
    }

    /** Stores {@code xml} as the definition of {@code name}. */
    public void save(String name, String xml) {
        if (!Files.isDirectory(dir)) {
            AtomicFile.ensureDirectory(dir, "rwx------");
        }
        AtomicFile.write(fileOf(name), xml);
    }

    /** Deletes the definition of {@code name}; true when there was one. */
    public boolean delete(String name) {
        try {
            return Files.deleteIfExists(fileOf(name));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot delete " + fileOf(name) + ": " + IoReason.of(e), e);
        }
    }

    /** The stored XML of {@code name}, if any. */
    public Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(fileOf(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot read " + fileOf(name) + ": " + IoReason.of(e), e);
        }
    }

    /** The definition files, sorted (every {@code *.xml}: status files live in the run directory). */
    public List<Path> files() {
        return list(dir, SUFFIX, null);
    }

    /** Every stored definition and every file that could not be loaded. */
    public record Loaded(List<DomainDef> defs, List<StoredFile> broken) {
        public Loaded {
            defs = List.copyOf(defs);
            broken = List.copyOf(broken);
        }
    }

    /**
     * Parses every {@code *.xml} file of the directory with {@code parser} (e.g. the driver's
     * {@link DefinitionCodec}), sorted by file name. A file that fails to read or parse, or
     * whose definition's name does not match its file name, is reported in {@code broken}.
     */
    public Loaded loadAll(Function<String, DomainDef> parser) {
        return load(files(), parser);
    }

    /** As {@link #loadAll}, for these files of the store only. */
    public Loaded load(List<Path> files, Function<String, DomainDef> parser) {
        List<DomainDef> defs = new ArrayList<>();
        List<StoredFile> broken = new ArrayList<>();
        for (Path f : files) {
            try {
                DomainDef def = parser.apply(Files.readString(f, StandardCharsets.UTF_8));
                if (!fileOf(def.name()).getFileName().equals(f.getFileName())) {
                    broken.add(new StoredFile(f, "holds domain '" + def.name() + "', expected file " + fileOf(def.name())));
                } else {
                    defs.add(def);
                }
            } catch (IOException e) {
                broken.add(new StoredFile(f, "cannot read: " + e));
            } catch (RuntimeException e) {
                broken.add(new StoredFile(f, String.valueOf(e.getMessage())));
            }
        }
        return new Loaded(defs, broken);
    }

    /** Regular files of {@code dir} ending in {@code suffix} but not {@code exclude}, not hidden, sorted. */
    static List<Path> list(Path dir, String suffix, String exclude) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.endsWith(suffix) && (exclude == null || !n.endsWith(exclude)) && !n.startsWith(".")
                        && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot list " + dir + ": " + IoReason.of(e), e);
        }
        files.sort(null);
        return files;
    }
}
