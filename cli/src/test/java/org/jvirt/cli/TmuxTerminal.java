package org.jvirt.cli;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * jvirsh on a real pseudo-terminal: a tmux server of its own (socket {@code jvirsh-pty-PID-N},
 * so it never meets another user's tmux) running one window, driven with {@code send-keys} and
 * read with {@code capture-pane} as a person at the terminal would. Without tmux the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
final class TmuxTerminal implements AutoCloseable {
    static final String PREFIX = "jvirsh-pty-";
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final long WAIT_SECONDS = 60;

    private final String socket;
    private final Path dir;

    private TmuxTerminal(String socket, Path dir) {
        this.socket = socket;
        this.dir = dir;
    }

    /** Skips (or, under CI=true, fails) without tmux. */
    static void requireTmux() {
        boolean present = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "tmux")));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("tmux is not installed, but the terminal tests must run in CI (apt-get install tmux)");
        }
        assumeTrue(present, "tmux is not installed (apt-get install tmux): terminal tests skipped");
    }

    /**
     * Starts {@code java ... org.jvirt.cli.Main ARGS} in a 120x40 terminal, with
     * {@code XDG_CACHE_HOME} (the history's home) at {@code cache}.
     */
    static TmuxTerminal start(Path dir, Path cache, String... args) {
        return start(dir, cache, List.of(), args);
    }

    /** As {@link #start(Path, Path, String...)}, the JVM also given {@code jvmOptions}. */
    static TmuxTerminal start(Path dir, Path cache, List<String> jvmOptions, String... args) {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        java.addAll(jvmOptions);
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        java.addAll(Arrays.asList(args));
        StringBuilder script = new StringBuilder();
        script.append("export XDG_CACHE_HOME=").append(quote(cache.toString())).append('\n');
        for (String word : java) {
            script.append(quote(word)).append(' ');
        }
        script.append("\necho $? > ").append(quote(dir.resolve("status").toString())).append('\n');
        return run(dir, script.toString());
    }

    /** Starts {@code script} (sh) in a 120x40 terminal; it should write its status to {@code dir/status}. */
    static TmuxTerminal run(Path dir, String script) {
        requireTmux();
        String socket = PREFIX + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet();
        try {
            Path launcher = dir.resolve("terminal-" + SESSIONS.get() + ".sh");
            Files.writeString(launcher, "#!/bin/sh\n" + script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
            TmuxTerminal t = new TmuxTerminal(socket, dir);
            t.tmux("-f", "/dev/null", "new-session", "-d", "-s", "jvirsh", "-x", "120", "-y", "40", launcher.toString());
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Types text literally (no key names). */
    TmuxTerminal type(String text) {
        tmux("send-keys", "-t", "jvirsh", "-l", "--", text);
        return this;
    }

    /** Presses keys by tmux's names: {@code Enter}, {@code Tab}, {@code Up}, {@code C-c}, {@code C-d}. */
    TmuxTerminal press(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", "jvirsh"));
        cmd.addAll(Arrays.asList(keys));
        tmux(cmd.toArray(String[]::new));
        return this;
    }

    /** The visible screen, one entry per row, trailing blanks removed. */
    List<String> rows() {
        String screen = tmux("capture-pane", "-p", "-t", "jvirsh");
        List<String> rows = new ArrayList<>();
        for (String row : screen.split("\n", -1)) {
            rows.add(row.stripTrailing());
        }
        return rows;
    }

    /** The screen's text up to its last non-blank row. */
    String screen() {
        return String.join("\n", rows()).stripTrailing();
    }

    int cursorRow() {
        return Integer.parseInt(tmux("display-message", "-p", "-t", "jvirsh", "#{cursor_y}").strip());
    }

    /** Waits until the screen satisfies {@code ready}; fails with the screen after a minute. */
    String await(String what, Predicate<String> ready) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String screen = screen();
        while (!ready.test(screen)) {
            if (System.nanoTime() > deadline) {
                fail("the terminal never showed " + what + "; the screen was:\n" + screen);
            }
            pause();
            screen = screen();
        }
        return screen;
    }

    /** Waits until the screen ends with these rows (the last one usually the prompt). */
    String awaitEnd(String... lastRows) {
        String end = String.join("\n", lastRows);
        return await("a screen ending with\n" + end, s -> s.endsWith(end));
    }

    /**
     * Tab after a command's first letters, a domain's, an option's, then Enter: the line
     * {@code vcpupin test --explain} typed as a person would, after {@code start}.
     *
     * @param prompt what the line starts with (the prompt, and the words typed before)
     */
    void tabThroughVcpupinExplain(String prompt, String start) {
        type(start + "vcpup").press("Tab");
        awaitEnd(prompt + start + "vcpupin");
        type("te").press("Tab");
        awaitEnd(prompt + start + "vcpupin test");
        type("--exp").press("Tab");
        awaitEnd(prompt + start + "vcpupin test --explain");
        press("Enter");
    }

    /** Waits for the shell to end; its exit status. */
    int awaitExit() {
        Path status = dir.resolve("status");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!Files.exists(status) || readStatus(status).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("jvirsh did not end; the screen was:\n" + screen());
            }
            pause();
        }
        return Integer.parseInt(readStatus(status).get());
    }

    private static Optional<String> readStatus(Path file) {
        try {
            String s = Files.readString(file).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            run(List.of("tmux", "-L", socket, "kill-server"));
        } catch (RuntimeException e) {
            // the server ended with its only window
        }
    }

    /** Ends the tmux servers earlier runs of this test left behind (their JVM is gone). */
    static void sweepLeftovers() {
        String base = System.getenv().getOrDefault("TMUX_TMPDIR", "/tmp");
        Path sockets = Path.of(base.isEmpty() ? "/tmp" : base, "tmux-" + uid());
        if (!Files.isDirectory(sockets)) {
            return;
        }
        try (Stream<Path> s = Files.list(sockets)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(PREFIX)) {
                    continue;
                }
                long owner = Long.parseLong(name.substring(PREFIX.length()).split("-")[0]);
                if (ProcessHandle.of(owner).isEmpty()) {
                    try {
                        run(List.of("tmux", "-L", name, "kill-server"));
                    } catch (RuntimeException e) {
                        // a stale socket without a server
                    }
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // nothing to sweep
        }
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "0";
        }
    }

    private String tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(Arrays.asList(args));
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
