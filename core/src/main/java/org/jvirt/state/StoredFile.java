package org.jvirt.state;

import java.nio.file.Path;

/** A file a store could not load, and why; the other files load regardless. */
public record StoredFile(Path file, String problem) {
}
