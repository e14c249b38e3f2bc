package org.jvirt.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bin/jvirsh's check whether its jar is older than the sources, done while the JVM starts
 * (docs/jvirsh.md#installing): the launcher runs it in the background and names, in
 * {@value #VERDICT}, the pipe on which it writes the first source newer than the jar, or nothing.
 * jvirsh reads that verdict before it runs anything; when a file is named it runs nothing itself
 * but the launcher again ({@value #LAUNCHER}), with {@value #BUILD} set so that the launcher
 * builds first, passing it the same arguments, standard streams and exit status.
 */
final class SourcesCheck {
    static final String VERDICT = "JVIRSH_SOURCES";
    static final String LAUNCHER = "JVIRSH_LAUNCHER";
    static final String BUILD = "JVIRSH_BUILD_FIRST";

    private SourcesCheck() {
    }

    /** Whether jvirsh may run now: no verdict to wait for, or the launcher found the jar current. */
    static boolean current(Map<String, String> env) {
        String pipe = env.get(VERDICT);
        if (pipe == null || pipe.isBlank() || env.get(LAUNCHER) == null) {
            return true;
        }
        try (InputStream in = new FileInputStream(pipe)) {
            return in.read() == -1;
        } catch (IOException e) {
            return true; // no verdict: the jar is what there is
        }
    }

    /** Runs the launcher again with {@code args} (it builds first) and returns its exit status. */
    static int relaunch(Map<String, String> env, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(env.get(LAUNCHER));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().remove(VERDICT);
        pb.environment().remove(LAUNCHER);
        pb.environment().put(BUILD, "1");
        try {
            Process p = pb.start();
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    // keep waiting: the launcher ends with the terminal's signals as we do
                }
            }
        } catch (IOException e) {
            System.err.println("error: jvirsh's jar is older than its sources and " + cmd.get(0)
                    + " cannot be run to build it: " + e.getMessage());
            return 1;
        }
    }
}
