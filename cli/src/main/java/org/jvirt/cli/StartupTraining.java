package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.cli.shell.JvirtConnectionProvider;

/**
 * The training run of bin/jvirsh's start-up caches (docs/jvirsh.md#installing): several jvirsh
 * runs in one JVM, so that the cache the JVM records at its exit holds the classes of every path
 * they took (the test driver, {@code qemu:///system} and {@code lxc:///system}, a connection
 * through jvirtd), where a single run could connect to one URI only. Each run is what
 * {@code jvirsh ARGS} does in a process of its own (its own connection, opened and closed),
 * with standard input empty and its output dropped.
 * <pre>java -XX:AOTCacheOutput=FILE -cp jvirsh.jar org.jvirt.cli.StartupTraining ARGS [--- ARGS]...</pre>
 * Prints one line per run on standard error: its exit status and its arguments. With
 * {@code -Djvirsh.jna.dir=DIR} it also keeps JNA's native library in DIR ({@link JnaDispatchCopy}).
 */
public final class StartupTraining {
    /** Separates the argument lists of two runs. */
    public static final String NEXT = "---";

    private StartupTraining() {
    }

    /** The directory to keep JNA's native library in (bin/jvirsh's jna.boot.library.path), when set. */
    public static final String JNA_DIR = "jvirsh.jna.dir";

    public static void main(String[] args) {
        PrintStream report = System.err;
        String jnaDir = System.getProperty(JNA_DIR);
        if (jnaDir != null && !jnaDir.isEmpty()) {
            report.println("training: JNA's native library " + JnaDispatchCopy.keep(Path.of(jnaDir)));
        }
        SourcesCheck.current(java.util.Map.of()); // what Main.main runs first (no verdict here)
        for (List<String> run : runs(args)) {
            PrintStream none = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            int status = Main.run(run.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), none, none, false,
                    Jvirsh.withDefaults(new JvirtConnectionProvider()));
            report.println("training: exit " + status + ": jvirsh " + String.join(" ", run));
        }
        // as jvirsh ends: System.exit's first use sets up the JDK's logger of Runtime.exit, whose
        // classes the cache then holds
        System.exit(0);
    }

    /** The argument lists between the {@link #NEXT} separators (empty ones dropped). */
    static List<List<String>> runs(String[] args) {
        List<List<String>> runs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : args) {
            if (a.equals(NEXT)) {
                if (!current.isEmpty()) {
                    runs.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }
}
