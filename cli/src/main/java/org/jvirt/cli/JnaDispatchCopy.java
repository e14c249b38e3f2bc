package org.jvirt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * JNA's native part ({@code libjnidispatch.so}), copied out of the jar once, next to the start-up
 * caches: bin/jvirsh names the directory in {@code jna.boot.library.path}, where JNA looks first.
 * Without it JNA unpacks the library from the jar into a temporary file in every process that
 * first calls native code (a one-shot {@code setvcpus} placing a vCPU thread): about 10 ms.
 */
final class JnaDispatchCopy {
    private JnaDispatchCopy() {
    }

    /**
     * The library's resource in JNA's jar for this platform, as JNA names the platform (JNA is a
     * run-time dependency of the shell, through the drivers: asked by reflection).
     */
    static String resource() throws ReflectiveOperationException {
        String prefix = (String) Class.forName("com.sun.jna.Platform").getField("RESOURCE_PREFIX").get(null);
        return "com/sun/jna/" + prefix + "/" + System.mapLibraryName("jnidispatch");
    }

    /** Copies the library into {@code dir}; returns what it did, for the report. */
    static String keep(Path dir) {
        String resource;
        try {
            resource = resource();
        } catch (ReflectiveOperationException | LinkageError e) {
            return "not copied: JNA is not in the class path (" + e + ")";
        }
        try (InputStream in = JnaDispatchCopy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "not copied: " + resource + " is not in the class path";
            }
            return KeptFiles.keep(dir.resolve(System.mapLibraryName("jnidispatch")), in);
        } catch (IOException e) {
            return "not copied: " + e.getMessage();
        }
    }
}
