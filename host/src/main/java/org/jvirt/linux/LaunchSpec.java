package org.jvirt.linux;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * What to start: {@code argv} (no shell), the environment ({@code env} on top of the JVM's when
 * {@code inheritEnv}, else {@code env} alone), the working directory (empty: the JVM's), and
 * the log file stdout and stderr are appended to (created 0600 if missing). stdin is /dev/null.
 */
public record LaunchSpec(List<String> argv, Map<String, String> env, boolean inheritEnv, Optional<Path> workDir,
        Path logFile) {
    public LaunchSpec {
        if (argv == null || argv.isEmpty()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "cannot start a process: empty command");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(logFile, "logFile");
    }

    /** {@code argv} with the JVM's environment, its working directory, output to {@code logFile}. */
    public static LaunchSpec of(List<String> argv, Path logFile) {
        return new LaunchSpec(argv, Map.of(), true, Optional.empty(), logFile);
    }

    /** The same with {@code key=value} added to the environment. */
    public LaunchSpec withEnv(String key, String value) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.put(key, value);
        return new LaunchSpec(argv, e, inheritEnv, workDir, logFile);
    }

    /** The same with only {@link #env} as the environment. */
    public LaunchSpec withCleanEnv() {
        return new LaunchSpec(argv, env, false, workDir, logFile);
    }

    public LaunchSpec withWorkDir(Path dir) {
        return new LaunchSpec(argv, env, inheritEnv, Optional.of(dir), logFile);
    }
}
