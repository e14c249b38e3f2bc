package org.jvirt.cli.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jvirt.cli.command.CommandFailure;

/** Reads the XML file of {@code define}/{@code create}, with virsh's messages and size limit. */
final class XmlFiles {
    /** virsh refuses XML files above 10 MiB; so do we, before reading them. */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    private XmlFiles() {
    }

    static String read(String file) {
        Path path = Path.of(file);
        try {
            if (Files.isDirectory(path)) {
                throw CommandFailure.of("Failed to open file '" + file + "': Is a directory");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw CommandFailure.of("File '" + file + "' is too large (the limit is " + MAX_BYTES + " bytes)");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CommandFailure.of("Failed to open file '" + file + "': No such file or directory");
        } catch (AccessDeniedException e) {
            throw CommandFailure.of("Failed to open file '" + file + "': Permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw CommandFailure.of("Failed to read file '" + file + "': it is not valid UTF-8");
        } catch (IOException e) {
            throw CommandFailure.of("Failed to read file '" + file + "': " + e.getMessage());
        }
    }
}
