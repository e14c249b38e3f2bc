package org.jvirt.linux;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;

/** {@link ProcessLauncher} over {@link ProcessBuilder}; signals through a {@link ProcessSignaller} (kill(2)). */
public final class RealProcessLauncher implements ProcessLauncher {
    private final ProcessSignaller signals;

    public RealProcessLauncher(ProcessSignaller signals) {
        this.signals = signals;
    }

    /** With {@link JnaSignaller}. */
    public RealProcessLauncher() {
        this(new JnaSignaller());
    }

    @Override
    public LaunchedProcess start(LaunchSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        if (!spec.inheritEnv()) {
            pb.environment().clear();
        }
        pb.environment().putAll(spec.env());
        spec.workDir().ifPresent(d -> pb.directory(d.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        prepareLog(spec.logFile(), spec.argv().get(0));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        pb.redirectErrorStream(true);
        try {
            return new Started(pb.start());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    "cannot start " + spec.argv().get(0) + ": " + IoReason.of(e), e);
        }
    }

    private static void prepareLog(Path log, String program) {
        try {
            if (!Files.exists(log)) {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                    "cannot start " + program + ": cannot create the log file " + log + ": " + IoReason.of(e), e);
        }
    }

    @Override
    public boolean send(long pid, Signal signal) {
        return signals.send(pid, signal);
    }

    private record Started(Process process) implements LaunchedProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public int waitFor() {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.NONE,
                            "interrupted while waiting for process " + pid(), e);
                }
            }
        }

        @Override
        public OptionalInt waitFor(Duration timeout) {
            try {
                return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) ? OptionalInt.of(process.exitValue())
                        : OptionalInt.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.NONE,
                        "interrupted while waiting for process " + pid(), e);
            }
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public void kill() {
            process.destroyForcibly();
        }
    }
}
