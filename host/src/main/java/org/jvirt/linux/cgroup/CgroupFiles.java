package org.jvirt.linux.cgroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;

/**
 * File operations on a cgroup tree with error messages that name the file and value. Works on
 * the kernel's cgroupfs and on plain directories shaped like it (tests): there, a removed
 * directory's control files are deleted with it, as the kernel does implicitly.
 */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw error("cgroup: cannot read " + file + ": " + reason(e), e);
        }
    }

    /** Writes {@code value} in one write(2), replacing the content of a plain file. */
    static void write(Path file, String value) {
        writeWith(file, value, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Writes {@code value} and a newline in one write(2), appending on a plain file (cgroup.procs,
     * tasks, devices.*): the kernel reads one value per write and ignores the newline, as when a
     * shell echoes it; a test tree's plain file gets one line per value.
     */
    static void append(Path file, String value) {
        writeWith(file, value + "\n", StandardOpenOption.APPEND);
    }

    private static void writeWith(Path file, String value, StandardOpenOption mode) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            out.write(value.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw error("cgroup: cannot write " + value.strip() + " to " + file + ": " + reason(e), e);
        }
    }

    /** The numbers in a cgroup.procs / tasks / cgroup.threads file, ascending, without duplicates. */
    static List<Long> readIds(Path file) {
        TreeSet<Long> ids = new TreeSet<>();
        for (String line : read(file).split("\\s+")) {
            if (!line.isEmpty()) {
                try {
                    ids.add(Long.parseLong(line));
                } catch (NumberFormatException e) {
                    throw error("cgroup: unexpected content in " + file + ": '" + line + "'", e);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    static long readLong(Path file) {
        String text = read(file);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("cgroup: " + file + " holds '" + text + "', not a number", e);
        }
    }

    /** Creates one directory; true when created, false when it existed. */
    static boolean mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return false;
            }
            throw error("cgroup: cannot create " + dir + ": a file of that name exists", e);
        } catch (IOException e) {
            throw error("cgroup: cannot create " + dir + ": " + reason(e), e);
        }
    }

    /** Sub-directories (child groups) of {@code dir}; empty when {@code dir} is gone. */
    static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw error("cgroup: cannot list " + dir + ": " + reason(e), e);
        }
    }

    /** rmdir of one group directory; a missing one is fine. */
    static void rmdir(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            if (isCgroupFs(dir)) {
                throw error("cgroup: cannot remove " + dir + ": Directory not empty", e);
            }
            deletePlainFiles(dir);
            rmdir(dir);
        } catch (IOException e) {
            throw error("cgroup: cannot remove " + dir + ": " + reason(e), e);
        }
    }

    private static void deletePlainFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw error("cgroup: cannot remove " + dir + ": " + reason(e), e);
        }
    }

    static boolean isCgroupFs(Path dir) {
        try {
            String type = Files.getFileStore(dir).type();
            return type.equals("cgroup") || type.equals("cgroup2");
        } catch (IOException e) {
            return false;
        }
    }

    /** The operating system's reason (strerror text) of a failure. */
    static String reason(IOException e) {
        return IoReason.of(e);
    }

    static VirtException error(String message, Throwable cause) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.CGROUP, message, cause);
    }

    static VirtException missing(CgroupController c, java.util.Set<CgroupController> inUse) {
        return VirtException.of(ErrorCode.NO_CGROUP, ErrorDomain.CGROUP,
                "cgroup: controller %s is not available (in use: %s)", c.kernelName(), names(inUse));
    }

    static String names(java.util.Collection<CgroupController> cs) {
        return cs.isEmpty() ? "none" : String.join(", ", cs.stream().sorted().map(CgroupController::kernelName).toList());
    }
}
