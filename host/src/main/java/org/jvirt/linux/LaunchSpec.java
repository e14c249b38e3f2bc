package org.jvirt.linux;

import java.nio.file.Path;
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
}
