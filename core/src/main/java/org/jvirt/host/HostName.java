package org.jvirt.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The host's name as {@code virsh hostname} prints it: the kernel's
 * {@code proc/sys/kernel/hostname} below a root ({@code /} on a real host). Plain file I/O, so
 * that the test driver and an XML-only application need nothing but core.
 */
public final class HostName {
    private static final int MAX_BYTES = 4096;

    private HostName() {
    }

    /** The name under {@code root}; empty when the file is missing, unreadable or blank. */
    public static Optional<String> read(Path root) {
        Path file = root.resolve("proc/sys/kernel/hostname");
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The name of this host, {@code localhost} when the kernel does not say. */
    public static String ofThisHost() {
        return read(Path.of("/")).orElse("localhost");
    }
}
