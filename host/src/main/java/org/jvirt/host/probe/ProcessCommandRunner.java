package org.jvirt.host.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real {@link CommandRunner}: {@link ProcessBuilder}, no shell, standard input closed, both
 * outputs read concurrently (each kept up to {@link #MAX_OUTPUT_BYTES}, the rest drained and
 * dropped, so a chatty program can neither block nor exhaust memory). On timeout the process
 * and its descendants are killed.
 */
public final class ProcessCommandRunner implements CommandRunner {
    public static final int MAX_OUTPUT_BYTES = 64 * 1024;

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) {
            return CommandResult.failedToStart("empty command line");
        }
        String program = argv.get(0);
        if (program.contains("/") && !Files.exists(Path.of(program))) {
            return CommandResult.notFound(program + " does not exist");
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            return msg.contains("error=2,") ? CommandResult.notFound(program + " not found")
                    : CommandResult.failedToStart(program + ": " + msg);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the program may already have exited; nothing to send anyway
        }
        CompletableFuture<String> out = drain(p.getInputStream(), "stdout");
        CompletableFuture<String> err = drain(p.getErrorStream(), "stderr");
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                return CommandResult.timedOut(program + " did not finish within " + timeout.toMillis() + " ms");
            }
            return CommandResult.exited(p.exitValue(), finish(out), finish(err));
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            return CommandResult.timedOut(program + " was interrupted");
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<String> drain(InputStream in, String name) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    int room = MAX_OUTPUT_BYTES - kept.size();
                    if (room > 0) {
                        kept.write(buf, 0, Math.min(room, n));
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is killed: keep what was read
            }
            result.complete(kept.toString(StandardCharsets.UTF_8));
        }, "jvirt-command-" + name);
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** The output read so far; a grandchild holding the pipe open must not make us wait forever. */
    private static String finish(CompletableFuture<String> f) throws InterruptedException {
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
