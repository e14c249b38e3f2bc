package org.jvirt.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;

/**
 * Replaces a file so that readers see either the old or the new content: a temp file in the same
 * directory (mode 0600 from creation), write, rename over the target. {@link #write} also makes
 * the new content survive a host crash (fsync of the file before the rename and of the directory
 * after it); {@link #replace} does not, for run-time state that a host crash makes void anyway.
 */
public final class AtomicFile {
    /**
     * rw------- as a set that is not an EnumSet: {@code PosixFilePermissions.fromString} makes one,
     * whose first use per enum type reflects (a one-shot command's lock and status files).
     */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE = PosixFilePermissions
            .asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    private AtomicFile() {
    }

    /** Durable replacement: what was written is on disk when this returns. */
    public static void write(Path target, String content) {
        write(target, content, true);
    }

    /**
     * Atomic for readers, not flushed: for files that describe processes, which a host crash ends
     * (libvirt keeps them on tmpfs). A JVM crash loses nothing, since the page cache holds them.
     */
    public static void replace(Path target, String content) {
        write(target, content, false);
    }

    private static void write(Path target, String content, boolean durable) {
        Path dir = target.toAbsolutePath().getParent();
        // not named after the target: a target name near 255 bytes would make it too long
        Path tmp = dir.resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".new");
        try {
            try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OWNER_READ_WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot write " + target + ": " + e, e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse fsync on a directory; the rename itself is done
        }
    }

    /** Creates {@code dir} (and parents) if missing and sets its mode, e.g. {@code rwx------}. */
    public static void ensureDirectory(Path dir, String mode) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE, "cannot create the directory " + dir + ": " + IoReason.of(e), e);
        }
    }
}
