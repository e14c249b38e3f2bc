package org.jvirt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the training keeps next to the start-up caches for bin/jvirsh, each written through a
 * temporary file moved in place, so that a jvirsh starting meanwhile reads the old file or the
 * new one, never half of one.
 */
final class KeptFiles {
    private KeptFiles() {
    }

    /** Replaces {@code target} with {@code content}; says what it did, for the training's report. */
    static String keep(Path target, InputStream content) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try {
                Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return "kept in " + target;
        } catch (IOException e) {
            return "not kept: " + e.getMessage();
        }
    }
}
