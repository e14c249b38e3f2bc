package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.linux.ThisProcess;
import org.jvirt.spi.Environment;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.state.FileNames;
import org.jvirt.linux.ProcFs;
import org.jvirt.xml.DomainStatus;
import org.jvirt.state.StatusStore;

/**
 * Running a command inside a running container ({@code jvirsh lxc-enter-namespace DOMAIN -- CMD}):
 * the {@code nsenter(1)} command line that joins every namespace of the container's init that
 * differs from the caller's, with the container's root and working directory. The caller runs
 * it (e.g. {@code new ProcessBuilder(argv).inheritIO().start()}); the command then sees the
 * container's host name, its PID 1 and only its root.
 *
 * <p>Containers have no pty console in jvirt: init's standard output and error go to the
 * domain log ({@link #logFile}), which {@code console} can follow instead.
 */
public final class LxcNamespaces {
    /** /proc/PID/ns names and the nsenter option that joins each, in nsenter's order. */
    private static final Map<String, String> OPTIONS = options();

    private final LxcSettings settings;
    private final StatusStore statuses;
    private final ProcFs procs;

    public LxcNamespaces(LxcSettings settings, ProcFs procs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.statuses = new StatusStore(settings.stateDir());
        this.procs = Objects.requireNonNull(procs, "procs");
    }

    private static Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("user", "--user");
        m.put("mnt", "--mount");
        m.put("uts", "--uts");
        m.put("ipc", "--ipc");
        m.put("net", "--net");
        m.put("pid", "--pid");
        m.put("cgroup", "--cgroup");
        return m;
    }

    /** Over lxc.conf as found through {@code env} ({@code JVIRT_CONF_DIR}, /etc/jvirt, built-in) and /proc. */
    public static LxcNamespaces of(Environment env) {
        return new LxcNamespaces(LxcDriverFactory.settings(env), ProcFs.host());
    }

    /**
     * {@code nsenter --target INIT [--user] --mount --uts --ipc [--net] --pid --root --wd -- COMMAND...}
     * for the running container {@code name}; only the namespaces it does not share with this
     * process are joined (a container without its own network keeps the host's).
     */
    public List<String> enterCommand(String name, List<String> command) {
        if (command == null || command.isEmpty() || command.get(0).isEmpty()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.LXC, "lxc-enter-namespace needs a command to run");
        }
        long init = initPid(name);
        Map<String, Long> theirs = namespaces(init, name);
        Map<String, Long> ours = procs.namespaces(ThisProcess.pid());
        List<String> argv = new ArrayList<>(List.of(settings.nsenter(), "--target", Long.toString(init)));
        OPTIONS.forEach((ns, option) -> {
            Long t = theirs.get(ns);
            if (t != null && !t.equals(ours.get(ns))) {
                argv.add(option);
            }
        });
        argv.add("--root");
        argv.add("--wd");
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /** The host pid of the container's init, checked against the start time in its status. */
    public long initPid(String name) {
        Optional<DomainStatus> s = statuses.load(name);
        if (s.isEmpty() || !procs.isSameProcess(s.get().pid(), s.get().startTime())) {
            throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "container '%s' is not running", name);
        }
        return s.get().pid();
    }

    private Map<String, Long> namespaces(long pid, String name) {
        try {
            return procs.namespaces(pid);
        } catch (VirtException e) {
            throw VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.LXC, "container '%s' is not running", name);
        }
    }

    /** Where init's output of container {@code name} goes (what a console would show). */
    public Path logFile(String name) {
        return settings.logDir().resolve(FileNames.component(name, ".log"));
    }
}
