package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.cli.SessionUsers.Run;
import org.jvirt.cli.SessionUsers.User;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;

/**
 * {@code qemu:///session} as a real unprivileged user would use it: users made for the test,
 * jvirsh run as them ({@code runuser}), real QEMU (KVM when the user may open /dev/kvm, else TCG),
 * and the kernel's view of every QEMU thread ({@code /proc/PID/task/TID/status}), read by this
 * process. The host's cgroups are v1 or hybrid here, so the session has none: every placement is
 * the threads' affinity alone (docs/qemu.md#qemusession).
 */
class SessionUserIT {
    private static final Pattern VCPU_THREAD = Pattern.compile("CPU (\\d+)/(KVM|TCG)");
    private static final Map<String, String> NO_XDG = Map.of();

    private static SessionUsers users;
    private static User alice;
    private static User bob;
    private static Map<String, String> bobXdg;
    /** What each user owned before the tests (what useradd put in its home; a former user's files of its uid). */
    private static final Map<String, Set<Path>> OWNED_BEFORE = new HashMap<>();
    private final ProcFs proc = ProcFs.host();

    @BeforeAll
    static void users() throws Exception {
        users = SessionUsers.open();
        alice = users.create("a");
        bob = users.create("b");
        for (User u : List.of(alice, bob)) {
            OWNED_BEFORE.put(u.name(), owned(u));
        }
        // bob's XDG variables name directories of their own, as a desktop session's do; the runtime
        // directory is made as pam_systemd makes /run/user/UID: the user's, mode 0700
        Path runtime = users.dir().resolve("run-b");
        Files.createDirectory(runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SessionUsers.exec(List.of("chown", bob.uid() + ":" + bob.gid(), runtime.toString()));
        bobXdg = Map.of("XDG_CONFIG_HOME", bob.home() + "/cfg", "XDG_STATE_HOME", bob.home() + "/st",
                "XDG_RUNTIME_DIR", runtime.toString());
    }

    @AfterEach
    void endUsersProcesses() throws Exception {
        SessionUsers.killAll(alice.uid());
        SessionUsers.killAll(bob.uid());
    }

    @AfterAll
    static void sweep() throws Exception {
        if (users != null) { // else skipped: nothing was made, and a user that is not root may sweep nothing
            SessionUsers.sweep();
        }
    }

    private String domainFile(String name, String type, String vcpu, String cputune) throws IOException {
        Path f = users.dir().resolve(name + ".xml");
        Files.writeString(f, "<domain type='" + type + "'><name>" + name + "</name><memory unit='MiB'>64</memory>" + vcpu
                + cputune + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f.toString();
    }

    /** KVM when {@code u} may open /dev/kvm read-write, else TCG. */
    private static boolean kvmFor(User u) throws Exception {
        if (!Files.exists(Path.of("/dev/kvm"))) {
            return false;
        }
        return users.succeeds(u, "test", "-r", "/dev/kvm", "-a", "-w", "/dev/kvm");
    }

    /** vCPU index -> affinity of each vCPU thread of QEMU {@code pid}, as the kernel has it. */
    private Map<Integer, CpuSet> vcpus(long pid) {
        Map<Integer, CpuSet> out = new TreeMap<>();
        for (long tid : proc.threads(pid)) {
            Matcher m = VCPU_THREAD.matcher(ProcFs.ifReadable(() -> proc.threadName(pid, tid)).orElse(""));
            if (m.matches()) {
                out.put(Integer.parseInt(m.group(1)), proc.cpusAllowed(pid, tid));
            }
        }
        return out;
    }

    /** The affinities of QEMU's other threads (the emulator's: main loop, RCU, monitor I/O). */
    private Set<CpuSet> emulator(long pid) {
        Set<CpuSet> out = new TreeSet<>((a, b) -> a.format().compareTo(b.format()));
        for (long tid : proc.threads(pid)) {
            String name = ProcFs.ifReadable(() -> proc.threadName(pid, tid)).orElse("");
            if (!VCPU_THREAD.matcher(name).matches() && !name.startsWith("kvm-")) {
                out.add(proc.cpusAllowed(pid, tid));
            }
        }
        return out;
    }

    private static long onlyQemu(User u) {
        List<Long> q = SessionUsers.qemus(u.uid());
        assertThat(q).as("QEMU processes of %s", u.name()).hasSize(1);
        return q.get(0);
    }

    private static String statusLine(long pid, String key) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(key + ":"))
                .findFirst().orElseThrow().substring(key.length() + 1).strip();
    }

    /**
     * Alice, with no XDG variable set (libvirt's fallbacks): jvirsh's default URI, the KVM message
     * when she may not have KVM, a start with {@code <vcpupin>}, {@code <emulatorpin>} and
     * {@code <vcpu cpuset>} (as {@code --explain} explains them) seen in the kernel, live pins, hot-plug with inherited pins, an unplug
     * QEMU refuses without a guest (nothing changes), a limit that needs a cgroup refused at start,
     * reconnect from new JVMs, kill -9 of QEMU; QEMU is hers and her files are only in her
     * directories.
     */
    @Test
    void aSessionDomainIsPinnedHotpluggedReconnectedAndCrashedAsItsUser() throws Exception {
        String name = SessionUsers.PREFIX + "-pin";
        boolean kvm = kvmFor(alice);
        String type = kvm ? "kvm" : "qemu";
        System.out.println("session domain of " + alice.name() + " runs on " + (kvm ? "KVM" : "TCG"));
        long qemu;
        try (UserShell sh = new UserShell(users.jvirsh(alice, NO_XDG))) {
            // no -c, no JVIRT_DEFAULT_URI, no uri_default: a non-root user's default is her session
            assertThat(sh.run("uri")).isEqualTo("qemu:///session");
            if (!kvm) {
                String k = SessionUsers.PREFIX + "-kvm";
                assertThat(sh.run("define " + domainFile(k, "kvm", "<vcpu>1</vcpu>", ""))).contains("defined");
                assertThat(sh.run("start " + k)).contains("error: domain type 'kvm' needs /dev/kvm")
                        .contains("<domain type='qemu'>");
                assertThat(sh.run("domstate " + k)).isEqualTo("shut off");
                assertThat(sh.run("undefine " + k)).contains("undefined");
            }
            String shares = SessionUsers.PREFIX + "-shares";
            sh.run("define " + domainFile(shares, type, "<vcpu>1</vcpu>", "<cputune><shares>2048</shares></cputune>"));
            assertThat(sh.run("start " + shares)).contains("<shares> needs the cgroup cpu controller")
                    .contains("qemu:///session");
            assertThat(SessionUsers.qemus(alice.uid())).as("QEMU of a refused start").isEmpty();
            sh.run("undefine " + shares);

            assertThat(sh.run("define " + domainFile(name, type, "<vcpu placement='static' cpuset='1' current='2'>4</vcpu>",
                    "<cputune><vcpupin vcpu='0' cpuset='0-1'/><vcpupin vcpu='2' cpuset='0'/><emulatorpin cpuset='0'/>"
                            + "</cputune>")))
                    .contains("defined");
            assertThat(sh.run("vcpupin " + name + " --explain"))
                    .containsPattern("vcpu 0\\s+0-1\\s+explicit <vcpupin>").containsPattern("vcpu 1\\s+1\\s+<vcpu cpuset>")
                    .containsPattern("emulator\\s+0\\s+explicit <emulatorpin>");
            assertThat(sh.run("start " + name)).contains("started");
            qemu = onlyQemu(alice);
            assertThat(statusLine(qemu, "Uid")).as("QEMU's uids").matches(ids(alice.uid()));
            assertThat(statusLine(qemu, "Gid")).as("QEMU's gids").matches(ids(alice.gid()));
            assertThat(Files.readString(Path.of("/proc/" + qemu + "/cgroup"))).as("QEMU's cgroups").doesNotContain("jvirt");
            // vCPU 0 by its <vcpupin>, vCPU 1 by <vcpu cpuset>, the emulator by <emulatorpin>
            assertThat(vcpus(qemu)).isEqualTo(Map.of(0, CpuSet.range(0, 1), 1, CpuSet.of(1)));
            assertThat(emulator(qemu)).containsExactly(CpuSet.of(0));

            sh.run("vcpupin " + name + " 1 0 --live");
            sh.run("emulatorpin " + name + " 1 --live");
            assertThat(vcpus(qemu)).isEqualTo(Map.of(0, CpuSet.range(0, 1), 1, CpuSet.of(0)));
            assertThat(emulator(qemu)).containsExactly(CpuSet.of(1));

            // hot-plug: vCPU 2 takes its <vcpupin>, vCPU 3 the <vcpu cpuset>
            assertThat(sh.run("setvcpus " + name + " 4 --live")).doesNotContain("error");
            assertThat(vcpus(qemu)).isEqualTo(Map.of(0, CpuSet.range(0, 1), 1, CpuSet.of(0), 2, CpuSet.of(0),
                    3, CpuSet.of(1)));
            // unplug: a firmware-only guest never ejects a CPU, QEMU refuses; nothing may change
            assertThat(sh.run("setvcpus " + name + " 3 --live")).startsWith("error:").contains("device_del");
            assertThat(sh.run("vcpucount " + name + " --live --active")).isEqualTo("4");
            assertThat(vcpus(qemu)).hasSize(4);
            assertThat(sh.run("pincheck " + name)).contains("no drift");
            // this JVM ends; QEMU runs on
        }
        assertThat(proc.isRunning(qemu)).isTrue();

        // reconnect from a new JVM of the same user: the live pins as they were, a live change reaches the kernel
        Run again = users.run(alice, NO_XDG, "-c", "qemu:///session",
                "domstate " + name + " --reason; vcpupin " + name + "; emulatorpin " + name + "; vcpupin " + name
                        + " 3 0 --live; pincheck " + name + "; domstats " + name + " --cpu-total");
        assertThat(again.status()).as(again.out()).isZero();
        // (domstats: QEMU's own CPU time, as there is no cgroup to read it from)
        assertThat(again.out()).startsWith("running (")
                .containsPattern("\\n 0\\s+0-1\\n 1\\s+0\\n 2\\s+0\\n 3\\s+1\\n").contains("*: 1").contains("no drift")
                .containsPattern("cpu\\.time=[1-9][0-9]*\\n\\s*cpu\\.user=[0-9]+\\n\\s*cpu\\.system=[0-9]+");
        assertThat(vcpus(qemu)).isEqualTo(Map.of(0, CpuSet.range(0, 1), 1, CpuSet.of(0), 2, CpuSet.of(0),
                3, CpuSet.of(0)));

        // kill -9 of QEMU while a jvirsh of hers holds the domain: shut off, crashed, nothing left
        try (UserShell sh = new UserShell(users.jvirsh(alice, NO_XDG, "-c", "qemu:///session"))) {
            assertThat(sh.run("domstate " + name)).isEqualTo("running");
            new ProcessBuilder("kill", "-9", Long.toString(qemu)).start().waitFor();
            String state = "";
            for (int i = 0; i < 100 && !state.startsWith("shut off"); i++) {
                state = sh.run("domstate " + name + " --reason");
                Thread.sleep(50);
            }
            assertThat(state).isEqualTo("shut off (crashed)");
        }
        assertThat(SessionUsers.qemus(alice.uid())).isEmpty();
        Path runtime = alice.home().resolve(".cache/jvirt/qemu");
        assertThat(runtime.resolve(name + ".d")).as("run directory").doesNotExist();
        assertThat(runtime.resolve(name + ".status.xml")).as("status file").doesNotExist();
        Run after = users.run(alice, NO_XDG, "list --all");
        assertThat(after.out()).containsPattern(" -\\s+" + name + "\\s+shut off");
        // and killed while no jvirt process of hers runs: the next one finds it crashed, nothing left
        assertThat(users.run(alice, NO_XDG, "start " + name).out()).contains("started");
        new ProcessBuilder("kill", "-9", Long.toString(onlyQemu(alice))).start().waitFor();
        assertThat(users.run(alice, NO_XDG, "domstate " + name + " --reason").out().strip()).isEqualTo("shut off (crashed)");
        assertThat(SessionUsers.qemus(alice.uid())).isEmpty();
        assertThat(runtime.resolve(name + ".d")).as("run directory").doesNotExist();
        assertThat(runtime.resolve(name + ".status.xml")).as("status file").doesNotExist();

        // every file this session made is hers, and in her directories (XDG fallbacks) only
        // (~/.cache/JNA: where JNA unpacks its native library, as the user)
        onlyIn(alice, List.of(".config/jvirt", ".cache/jvirt", ".local/state/jvirt", ".cache/JNA"));
        assertThat(alice.home().resolve(".config/jvirt/qemu/" + name + ".xml")).exists();
        assertThat(alice.home().resolve(".local/state/jvirt/log/qemu/" + name + ".log")).exists();
    }

    /**
     * Two users' sessions and root's qemu:///system: each sees only its own domains, and a user
     * cannot reach another's; bob's files follow his XDG variables.
     */
    @Test
    void sessionsOfTwoUsersAndRootsSystemAreSeparate() throws Exception {
        String mine = SessionUsers.PREFIX + "-alice";
        String his = SessionUsers.PREFIX + "-bob";
        Run a = users.run(alice, NO_XDG, "-c", "qemu:///session",
                "define " + domainFile(mine, "qemu", "<vcpu>1</vcpu>", "") + "; start " + mine);
        assertThat(a.status()).as(a.out()).isZero();
        Run b = users.run(bob, bobXdg, "-c", "qemu:///session", "list --all");
        assertThat(b.out()).doesNotContain(mine);
        b = users.run(bob, bobXdg, "-c", "qemu:///session", "destroy " + mine);
        assertThat(b.out().strip()).isEqualTo("error: failed to get domain '" + mine + "'");
        assertThat(b.status()).isEqualTo(1);
        b = users.run(bob, bobXdg, "define " + domainFile(his, "qemu", "<vcpu>1</vcpu>", "") + "; start " + his
                + "; list --all");
        assertThat(b.status()).as(b.out()).isZero();
        assertThat(b.out()).containsPattern(his + "\\s+running").doesNotContain(mine);
        a = users.run(alice, NO_XDG, "list --all");
        assertThat(a.out()).containsPattern(mine + "\\s+running").doesNotContain(his);
        assertThat(SessionUsers.qemus(alice.uid())).hasSize(1);
        assertThat(SessionUsers.qemus(bob.uid())).hasSize(1);
        // root: qemu:///system, and root's qemu:///session, which is its system
        for (String uri : List.of("qemu:///system", "qemu:///session")) {
            Run r = users.runAsRoot("-c", uri, "list --all");
            assertThat(r.status()).as(r.out()).isZero();
            assertThat(r.out()).doesNotContain(mine).doesNotContain(his);
        }
        // bob's sockets are in his runtime directory, his definitions and logs where his variables say
        Path runtime = Path.of(bobXdg.get("XDG_RUNTIME_DIR"));
        assertThat(runtime.resolve("jvirt/qemu/" + his + ".d/monitor.sock")).exists();
        assertThat(bob.home().resolve("cfg/jvirt/qemu/" + his + ".xml")).exists();
        assertThat(bob.home().resolve("st/jvirt/log/qemu/" + his + ".log")).exists();
        onlyIn(bob, List.of("cfg/jvirt", "st/jvirt", ".cache/JNA", runtime.toString() + "/jvirt"));
        assertThat(bob.home().resolve(".config")).doesNotExist();
        assertThat(bob.home().resolve(".local")).doesNotExist();

        assertThat(users.run(bob, bobXdg, "destroy " + his).status()).isZero();
        assertThat(users.run(alice, NO_XDG, "destroy " + mine).status()).isZero();
        assertThat(SessionUsers.qemus(alice.uid())).isEmpty();
        assertThat(SessionUsers.qemus(bob.uid())).isEmpty();
    }

    private static String ids(long id) {
        return id + "\\s+" + id + "\\s+" + id + "\\s+" + id;
    }

    /**
     * Every file {@code u} owns now that it did not own before the test ({@link #owned}) is below
     * one of {@code dirs} (relative to the home, or absolute); and every file below those is the user's.
     */
    private static void onlyIn(User u, List<String> dirs) throws IOException {
        List<Path> roots = dirs.stream().map(d -> d.startsWith("/") ? Path.of(d) : u.home().resolve(d)).toList();
        Set<Path> before = OWNED_BEFORE.get(u.name());
        List<String> stray = owned(u).stream().filter(f -> !before.contains(f))
                .filter(f -> roots.stream().noneMatch(r -> f.startsWith(r) || r.startsWith(f))).map(Path::toString).toList();
        assertThat(stray).as("files of %s outside its directories", u.name()).isEmpty();
        for (Path r : roots) {
            if (!Files.exists(r)) {
                continue; // .cache/JNA appears only when JNA starts (an affinity the kernel did not already give)
            }
            try (Stream<Path> s = Files.walk(r)) {
                assertThat(s.filter(p -> !ownedBy(p, u.uid())).toList()).as("files below %s not owned by %s", r,
                        u.name()).isEmpty();
            }
        }
    }

    /**
     * The files {@code u} owns in its home and in the places any user may write to ({@code /tmp},
     * {@code /var/tmp}, {@code /dev/shm}, {@code /run}: their world-writable directories and the
     * user's own below them).
     */
    private static Set<Path> owned(User u) throws IOException {
        Set<Path> out = new HashSet<>();
        for (Path top : List.of(u.home(), Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"), Path.of("/run"))) {
            if (!Files.isDirectory(top)) {
                continue;
            }
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(top) && !dir.startsWith(u.home()) && !ownedBy(dir, u.uid()) && !worldWritable(dir)) {
                        return FileVisitResult.SKIP_SUBTREE; // the user cannot have made anything in there
                    }
                    visitFile(dir, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (ownedBy(file, u.uid())) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile, or not readable by root (a FUSE mount)
                }
            });
        }
        return out;
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean ownedBy(Path p, long uid) {
        try {
            return ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue() == uid;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
