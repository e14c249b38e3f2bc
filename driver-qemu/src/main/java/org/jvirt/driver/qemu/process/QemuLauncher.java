package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.LaunchSpec;
import org.jvirt.linux.LaunchedProcess;
import org.jvirt.linux.ProcessLauncher;
import org.jvirt.linux.ThisProcess;
import org.jvirt.model.CpuSet;

/**
 * Spawns QEMU so that it outlives the JVM and is born in its cgroups (docs/qemu.md#start): a
 * {@code /bin/sh} wrapper writes its own pid into each cgroup.procs file (domain group, then
 * emulator group), then {@code exec setsid QEMU ...}: same pid, new session, so QEMU's threads
 * are created inside the emulator group and no terminal signal of the JVM reaches it. The
 * script is fixed; files and argv are positional parameters, never parsed by the shell.
 * stdin is /dev/null, stdout/stderr are appended to the domain log (never a pipe to the JVM).
 */
public final class QemuLauncher {
    /**
     * $1 = the pid of the JVM that spawns it, $2 = number of cgroup files, then the files, then the
     * command. Once in its groups, the wrapper goes on only while its parent is still that JVM: a
     * JVM killed before the wrapper joined them leaves no QEMU behind (the next holder of the
     * domain's lock removes the groups, or they belong to a new start that this wrapper must not
     * enter), and one killed after is rolled back through the groups (QemuRecovery).
     */
    static final String SCRIPT = "p=$1; n=$2; shift 2; while [ \"$n\" -gt 0 ]; do "
            + "echo $$ > \"$1\" || { echo \"jvirt: cannot join cgroup $1\" >&2; exit 126; }; shift; n=$((n-1)); done; "
            + "read -r _ _ _ pp _ < /proc/$$/stat; [ \"$pp\" = \"$p\" ] || "
            + "{ echo \"jvirt: the jvirt process $p that started this is gone: not starting\" >&2; exit 125; }; "
            + "exec \"$@\"";

    private static final String SETSID = "/usr/bin/setsid";
    private static final String PRLIMIT = "/usr/bin/prlimit";
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final String TASKSET = "/usr/bin/taskset";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private QemuLauncher() {
    }

    /** The whole wrapper argv without resource limits (for tests and the log). */
    public static List<String> wrapperArgv(List<Path> procsFiles, List<String> qemuArgv) {
        return wrapperArgv(procsFiles, qemuArgv, 0, 0, QemuUser.ROOT);
    }

    /**
     * The whole wrapper argv; {@code maxProcesses} / {@code maxFiles} above 0 become QEMU's
     * RLIMIT_NPROC / RLIMIT_NOFILE (qemu.conf max_processes, max_files) through prlimit(1), and
     * a {@code user} other than root is taken on last through setpriv(1) (real and effective
     * ids; the user's groups when it is named, none otherwise). Each execs the next in place:
     * the pid stays the same.
     */
    public static List<String> wrapperArgv(List<Path> procsFiles, List<String> qemuArgv, long maxProcesses,
                                           long maxFiles, QemuUser user) {
        return wrapperArgv(procsFiles, qemuArgv, maxProcesses, maxFiles, user, QemuUser.ROOT, Optional.empty());
    }

    /**
     * As {@link #wrapperArgv(List, List, long, long, QemuUser)} for a jvirt that runs as
     * {@code self}: QEMU's {@code user} is taken on only when it differs from it (a session runs
     * QEMU as its own user, with no setpriv). A {@code startMask} is QEMU's CPU affinity from its
     * first instruction on, through taskset(1) (util-linux), for hosts where no emulator cgroup
     * gives it (docs/pinning.md#what-is-applied); QEMU's threads are born with it.
     */
    public static List<String> wrapperArgv(List<Path> procsFiles, List<String> qemuArgv, long maxProcesses,
                                           long maxFiles, QemuUser user, QemuUser self, Optional<CpuSet> startMask) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "jvirt-spawn",
                Long.toString(ThisProcess.pid()), Integer.toString(procsFiles.size())));
        procsFiles.forEach(p -> cmd.add(p.toString()));
        if (Files.isExecutable(Path.of(SETSID))) {
            cmd.add(SETSID);
        }
        if (startMask.isPresent() && Files.isExecutable(Path.of(TASKSET))) {
            cmd.addAll(List.of(TASKSET, "--cpu-list", startMask.get().format()));
        }
        if (maxProcesses > 0 || maxFiles > 0) {
            cmd.add(PRLIMIT);
            if (maxProcesses > 0) {
                cmd.add("--nproc=" + maxProcesses);
            }
            if (maxFiles > 0) {
                cmd.add("--nofile=" + maxFiles);
            }
            cmd.add("--");
        }
        if (user.uid() != self.uid() || user.gid() != self.gid()) {
            if (!Files.isExecutable(Path.of(SETPRIV))) {
                throw VirtException.of(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU, "qemu.conf asks for QEMU to run as "
                        + "uid %d gid %d, which needs %s (util-linux)", user.uid(), user.gid(), SETPRIV);
            }
            cmd.addAll(List.of(SETPRIV, "--reuid=" + user.uid(), "--regid=" + user.gid(),
                    user.name().isPresent() ? "--init-groups" : "--clear-groups", "--"));
        }
        cmd.addAll(qemuArgv);
        return cmd;
    }

    /**
     * Starts QEMU through {@code launcher} with exactly {@code env} as its environment, after a
     * header line in the log; returns the process (its pid is QEMU's pid once the wrapper has
     * exec'd).
     */
    public static LaunchedProcess spawn(ProcessLauncher launcher, List<Path> procsFiles, List<String> qemuArgv,
                                        Map<String, String> env, Path log, long maxProcesses, long maxFiles,
                                        QemuUser user) {
        return spawn(launcher, procsFiles, qemuArgv, env, log, maxProcesses, maxFiles, user, QemuUser.ROOT,
                Optional.empty());
    }

    /** As above, for a jvirt that runs as {@code self}, with QEMU's start-up {@code startMask} (see {@link #wrapperArgv}). */
    public static LaunchedProcess spawn(ProcessLauncher launcher, List<Path> procsFiles, List<String> qemuArgv,
                                        Map<String, String> env, Path log, long maxProcesses, long maxFiles,
                                        QemuUser user, QemuUser self, Optional<CpuSet> startMask) {
        List<String> cmd = wrapperArgv(procsFiles, qemuArgv, maxProcesses, maxFiles, user, self, startMask);
        try {
            StringBuilder header = new StringBuilder().append(Instant.now()).append(": starting up\n");
            env.forEach((k, v) -> header.append(k).append('=').append(v).append(' '));
            header.append(String.join(" ", qemuArgv)).append('\n');
            appendPrivately(log, header.toString());
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot start %s: %s", qemuArgv.get(0),
                    e.getMessage());
        }
        try {
            return launcher.start(new LaunchSpec(cmd, env, false, Optional.empty(), log));
        } catch (VirtException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot start %s: %s", qemuArgv.get(0),
                    e.getMessage());
        }
    }

    /**
     * Appends {@code text} to the domain log, which holds QEMU's command line and environment: a
     * new log is created 0600 (as libvirt creates its QEMU logs), an existing one that group or
     * others may read (an older jvirt's, made with the umask) is made 0600 before anything is added.
     */
    static void appendPrivately(Path log, String text) throws IOException {
        Files.createDirectories(log.getParent());
        if (Files.exists(log)
                && !Files.getPosixFilePermissions(log).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(log, OWNER_ONLY);
        }
        try (SeekableByteChannel out = Files.newByteChannel(log, EnumSet.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    /** The last lines of the log (for error messages). */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
