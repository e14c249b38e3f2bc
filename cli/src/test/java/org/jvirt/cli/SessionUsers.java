package org.jvirt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.jvirt.linux.ProcFs;

/**
 * Real unprivileged users for the tests of {@code qemu:///session}: made with {@code useradd}
 * (names start with {@link #PREFIX}, homes below a temp dir of that prefix), and jvirsh run as
 * one of them ({@code runuser -u NAME -- env -i ...}) from a copy of the packaged jar that every
 * user may read (the build directory and the Maven repository may be root's alone).
 * {@link #sweep()} ends the processes of every user of the prefix (by pid), removes the users,
 * their homes and the temp dirs.
 */
final class SessionUsers {
    static final String PREFIX = "jvsess";
    private static final Path JAR = Path.of(System.getProperty("user.dir")).getParent().resolve("cli/target/jvirsh.jar");
    private static final String QEMU = "/usr/bin/qemu-system-x86_64";
    /** Where the users' homes go: a directory every user may pass through. */
    private static final Path TMP = Path.of("/tmp");

    /** A user of the tests: its name, ids and home. */
    record User(String name, long uid, long gid, Path home) {
    }

    /** What a jvirsh run printed (standard error after standard output) and its exit status. */
    record Run(String out, int status) {
    }

    private final Path dir;
    private final Path jar;

    private SessionUsers(Path dir) throws IOException {
        this.dir = dir;
        this.jar = dir.resolve("jvirsh.jar");
        Files.copy(JAR, jar);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Checks the host (skips with the reason, fails under CI=true), sweeps leftovers and makes the
     * temp dir with the readable jar.
     */
    static SessionUsers open() throws Exception {
        require(Files.isExecutable(Path.of(QEMU)), QEMU);
        require("root".equals(System.getProperty("user.name")), "root (to add users and run jvirsh as one)");
        require(tool("useradd") != null && tool("userdel") != null && tool("runuser") != null,
                "useradd, userdel and runuser (passwd, util-linux)");
        require(Files.isRegularFile(JAR), JAR + " (the package phase)");
        sweep();
        Path dir = Files.createTempDirectory(TMP, PREFIX + "-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new SessionUsers(dir);
    }

    static void require(boolean condition, String what) {
        if (condition) {
            return;
        }
        String reason = "the qemu:///session tests need " + what;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: not skipping)");
        }
        Assumptions.assumeTrue(false, reason);
    }

    private static String tool(String name) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        return null;
    }

    /** The temp dir (world-readable) of this run: the jar, and files the users are given. */
    Path dir() {
        return dir;
    }

    /** A new user {@code PREFIX + suffix} with its home (and nothing else) below the temp dir. */
    User create(String suffix) throws Exception {
        String name = PREFIX + suffix;
        Path home = dir.resolve("home-" + suffix);
        exec(List.of(tool("useradd"), "-m", "-d", home.toString(), "-U", "-s", "/bin/sh", name));
        long uid = Long.parseLong(exec(List.of("id", "-u", name)).strip());
        long gid = Long.parseLong(exec(List.of("id", "-g", name)).strip());
        return new User(name, uid, gid, home);
    }

    /** {@code java -jar jvirsh.jar ARGS} as {@code u} with only HOME, USER, PATH and {@code env} set. */
    ProcessBuilder jvirsh(User u, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool("runuser"), "-u", u.name(), "--", "env", "-i",
                "HOME=" + u.home(), "USER=" + u.name(), "LOGNAME=" + u.name(), "PATH=/usr/bin:/bin"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Whether {@code cmd}, run as {@code u}, succeeds. */
    boolean succeeds(User u, String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of(tool("runuser"), "-u", u.name(), "--"));
        c.addAll(List.of(cmd));
        return new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor() == 0;
    }

    /** One jvirsh run as {@code u}, to its end. */
    Run run(User u, Map<String, String> env, String... args) throws Exception {
        return run(jvirsh(u, env, args));
    }

    /** A jvirsh run as root (this process's user), to its end. */
    Run runAsRoot(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.endsWith("_DEFAULT_URI"));
        return run(pb);
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jvirsh did not end: " + pb.command() + "\n" + out);
        }
        return new Run(out, p.exitValue());
    }

    /** Runs a tool as root, to its end; its output, or an error with it when the tool failed. */
    static String exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }

    /** The real uid of process {@code pid} (its status file's), if it runs. */
    static OptionalLong owner(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("Uid:")) {
                    return OptionalLong.of(Long.parseLong(l.substring(4).strip().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The processes of {@code uid}. */
    static List<Long> processes(long uid) {
        ProcFs proc = ProcFs.host();
        return proc.pids().stream().filter(p -> owner(p).orElse(-1) == uid).toList();
    }

    /** The QEMU processes of {@code uid}. */
    static List<Long> qemus(long uid) {
        ProcFs proc = ProcFs.host();
        return processes(uid).stream().filter(p -> proc.isRunning(p)
                && proc.cmdline(p).stream().findFirst().orElse("").contains("qemu-system")).toList();
    }

    /** Ends (SIGKILL, by pid) every process of {@code uid} and waits until they are gone. */
    static void killAll(long uid) throws Exception {
        ProcFs proc = ProcFs.host();
        for (int round = 0; round < 100; round++) {
            List<Long> left = processes(uid).stream().filter(proc::isRunning).toList();
            if (left.isEmpty()) {
                return;
            }
            for (long pid : left) {
                new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            }
            Thread.sleep(50);
        }
    }

    /** Removes every user of the prefix (after ending its processes) and the prefix's temp dirs. */
    static void sweep() throws Exception {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 2 && f[0].startsWith(PREFIX)) {
                killAll(Long.parseLong(f[2]));
                new ProcessBuilder(tool("userdel"), "-r", "-f", f[0]).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
        try (Stream<Path> tmp = Files.list(TMP)) {
            for (Path p : tmp.filter(p -> p.getFileName().toString().startsWith(PREFIX + "-")
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
