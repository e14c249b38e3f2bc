package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/**
 * What a new user runs: the README's first command through {@code bin/jvirsh} on the packaged
 * jar (drivers found by ServiceLoader in the shaded jar, the start-up cache recorded and used),
 * on the JDK the launcher picks and on the JDK running this test (AppCDS when that is 17).
 */
class PackagedLauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path JAR = ROOT.resolve("cli/target/jvirsh.jar");
    private static final String README_COMMAND =
            "list --all; vcpupin test; emulatorpin test; vcpupin test --explain";
    private static final String EXPECTED = """
             Id   Name   State
            ----------------------
             1    test   running

             VCPU   CPU Affinity
            ----------------------
             0      0-7
             1      0-7

            emulator: CPU Affinity
            ----------------------------------
                   *: 0-7

             Thread     CPU Affinity   Reason
            ------------------------------------------
             vcpu 0     0-7            all host CPUs
             vcpu 1     0-7            all host CPUs
             emulator   0-7            all host CPUs

            """;

    record Run(String stdout, String stderr, int status) {
    }

    /** {@code bin/jvirsh ARGS} with {@code env} added, its input empty. */
    static Run launcher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/jvirsh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/jvirsh ended").isTrue();
        return new Run(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8),
                p.exitValue());
    }

    private static void readmeCommandWorks(Map<String, String> env) throws Exception {
        for (int run = 0; run < 2; run++) { // the first records the start-up cache, the second uses it
            Run r = launcher(env, "-c", "test:///default", README_COMMAND);
            assertThat(r.stderr()).as("stderr, run %d", run).isEmpty();
            assertThat(r.stdout()).isEqualTo(EXPECTED);
            assertThat(r.status()).isZero();
        }
    }

    @Test
    void theReadmeCommandOnTheLaunchersJdk() throws Exception {
        readmeCommandWorks(Map.of());
    }

    @Test
    void theReadmeCommandOnThisJdk() throws Exception {
        readmeCommandWorks(Map.of("JVIRSH_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    }

    /**
     * The first command after a build (a jar newer than what the training kept) trains the
     * start-up cache again and runs with what that training kept: the drivers by name and JNA's
     * library in its directory, not a look-up of the drivers as services (which opens the jar).
     */
    @Test
    void theFirstCommandAfterABuildRunsWithWhatTheTrainingKept() throws Exception {
        Files.setLastModifiedTime(JAR, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        List<String> options = launcher(Map.of("JVIRSH_PRINT_JVM", "1"), "-c", "test:///default").stdout().lines()
                .toList();
        assertThat(options).anyMatch(o -> o.startsWith("-Djvirsh.drivers=org.jvirt."))
                .anyMatch(o -> o.startsWith("-Djna.boot.library.path="));
    }

    /**
     * The launcher tells JNA where the host's libraries are (JNA would otherwise run
     * {@code ldconfig -p} as a child process on its first library load, in every one-shot command
     * that sets a thread's affinity) and where its own native library is kept (copied out of the
     * jar by the training, where JNA would otherwise unpack it into a temporary file in every such
     * command): with exactly the launcher's JVM and options, JNA loads its library from there and
     * finds libc.
     */
    @Test
    void jnaFindsLibcWhereTheLauncherSaysItIs(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assertThat(launcher(Map.of(), "-c", "test:///default", "uri").status()).isZero(); // trained
        Run printed = launcher(Map.of("JVIRSH_PRINT_JVM", "1"), "-c", "test:///default");
        assertThat(printed.status()).isZero();
        List<String> jvm = new ArrayList<>(printed.stdout().lines()
                .filter(o -> !o.startsWith("-XX:AOTCache=") && !o.startsWith("-XX:SharedArchiveFile=")).toList());
        String path = jvm.stream().filter(o -> o.startsWith("-Djna.platform.library.path=")).findFirst()
                .orElseThrow(() -> new AssertionError("bin/jvirsh passes no jna.platform.library.path: " + jvm))
                .substring("-Djna.platform.library.path=".length());
        assertThat(path).isNotEmpty();
        Path probe = Files.writeString(tmp.resolve("Probe.java"), """
                public class Probe {
                    public interface C extends com.sun.jna.Library {
                        int getpid();
                    }
                    public static void main(String[] args) {
                        C c = com.sun.jna.Native.load("c", C.class);
                        System.out.println(c.getpid() == ProcessHandle.current().pid() ? "libc found" : "wrong pid");
                        System.out.println("jnidispatch " + System.getProperty("jnidispatch.path"));
                    }
                }
                """);
        jvm.addAll(List.of("-cp", JAR.toString(), probe.toString()));
        Process p = new ProcessBuilder(jvm).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("JNA with the launcher's library path").contains("libc found")
                .contains("jnidispatch " + ROOT.resolve("cli/target/jna/libjnidispatch.so"));
    }

    /** Skipped without root and QEMU, except under CI=true, where that fails. */
    static void requireRootAndQemu(String what) {
        requireRootAnd(what, Path.of("/usr/bin/qemu-system-x86_64"));
    }

    /** Skipped without root and {@code program}, except under CI=true, where that fails. */
    static void requireRootAnd(String what, Path program) {
        boolean real = "root".equals(System.getProperty("user.name")) && Files.isExecutable(program);
        if (!real) {
            String reason = what + " needs root and " + program.getFileName();
            org.junit.jupiter.api.Assertions.assertFalse("true".equalsIgnoreCase(System.getenv("CI")),
                    reason + " (CI=true: not skipping)");
            org.junit.jupiter.api.Assumptions.assumeTrue(false, reason);
        }
    }

    /**
     * A jvirt configuration directory of a user: qemu:///system's state below it, lxc:///system's
     * below its lxc/, both drivers' cgroups in the partition /jvirt-launcher-it, jvirtd never asked.
     */
    static Path userConf(Path tmp) throws IOException {
        Path user = tmp.resolve("user");
        Files.createDirectories(user);
        Files.writeString(user.resolve("qemu.conf"), String.format("config_dir = \"%1$s/etc\"%nstate_dir = \"%1$s/run\"%n"
                + "log_dir = \"%1$s/log\"%ncgroup_partition = \"/jvirt-launcher-it\"%n", user));
        Files.writeString(user.resolve("lxc.conf"), String.format("config_dir = \"%1$s/etc\"%nstate_dir = \"%1$s/run\"%n"
                + "log_dir = \"%1$s/log\"%ncgroup_partition = \"/jvirt-launcher-it\"%n", user.resolve("lxc")));
        Files.writeString(user.resolve("jvirt.conf"), "jvirtd = \"never\"\n");
        return user;
    }

    /**
     * A one-shot {@code setvcpus D 2 --live} on a running QEMU domain (pinned, as the benchmark's)
     * does only its own work: no jar opened (the JDK's selector provider named by the launcher,
     * nothing looked up as a service), no record method linked at run time (each costs a bootstrap
     * the start-up cache does not keep), no BigDecimal (its initialiser computes 5^65536 on JDK 21
     * and later; QMP's JSON is read without Jackson's parser), and where the host has cpuset
     * cgroups no JNA: the new
     * vCPU threads already have their CPUs once in their groups. On a JDK with an AOT cache every
     * class comes from it but the JDK's event classes, which no cache keeps. The JDK's Unix
     * sockets are set up on a second thread from when the command is known (the monitor's socket).
     * The start before it sets up no {@code ObjectMapper}.
     */
    @Test
    void aOneShotSetvcpusDoesOnlyItsOwnWork(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        requireRootAndQemu("a one-shot setvcpus on a QEMU domain");
        Path user = userConf(tmp);
        String name = "jvirt-launcher-it-sv-" + ProcessHandle.current().pid();
        Path xml = tmp.resolve("domain.xml");
        Files.writeString(xml, "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>64</memory>"
                + "<vcpu placement='static' cpuset='0' current='1'>2</vcpu><cputune><vcpupin vcpu='0' cpuset='0'/>"
                + "<emulatorpin cpuset='0'/></cputune><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
        Map<String, String> env = new HashMap<>(Map.of("JVIRT_CONF_DIR", user.toString()));
        Path classes = tmp.resolve("classes.log");
        Path inits = tmp.resolve("inits.log");
        Path startInits = tmp.resolve("start-inits.log");
        Run r;
        try {
            env.put("JVIRSH_JAVA_OPTS", "-Xlog:class+init=info:file=" + startInits);
            assertThat(launcher(env, "-c", "qemu:///system", "define " + xml + "; start " + name).status()).isZero();
            env.put("JVIRSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes + " -Xlog:class+init=info:file=" + inits);
            r = launcher(env, "-c", "qemu:///system", "setvcpus", name, "2", "--live");
            env.remove("JVIRSH_JAVA_OPTS");
            assertThat(launcher(env, "-c", "qemu:///system", "vcpucount", name, "--live", "--active").stdout().trim())
                    .isEqualTo("2");
        } finally {
            launcher(env, "-c", "qemu:///system", "destroy " + name + "; undefine " + name);
            PartitionGroups.removeEmpty("jvirsh-training", "jvirt-launcher-it");
        }
        assertThat(r.status()).as(r.stderr()).isZero();
        // the start builds QEMU's command line and reads the capabilities cache without Jackson's
        // ObjectMapper (hundreds of classes to set up, which the start-up cache would hold too)
        assertThat(Files.readAllLines(startInits)).as("classes the start initialised").hasSizeGreaterThan(500)
                .noneMatch(l -> l.contains("'com/fasterxml/jackson/databind/ObjectMapper'"));
        List<String> initialised = Files.readAllLines(inits);
        assertThat(initialised).as("classes initialised").hasSizeGreaterThan(500)
                .noneMatch(l -> l.contains("'java/util/zip/ZipFile$Source'"))
                .noneMatch(l -> l.contains("'java/lang/runtime/ObjectMethods'"))
                .noneMatch(l -> l.contains("'java/math/BigDecimal'"));
        // the JDK's Unix sockets (their SecureRandom) set up beside the main thread, not on it
        assertThat(initialised).as("classes initialised").anyMatch(l -> l.contains("'sun/nio/ch/UnixDomainSockets'")
                        && l.contains("\"jvirsh-unix-socket-warm-up\""))
                .noneMatch(l -> l.contains("'java/security/SecureRandom'") && l.contains("\"main\""));
        if (hostHasCpusetCgroups()) {
            // initialised, not loaded: an AOT cache loads all its classes at start
            assertThat(initialised).noneMatch(l -> l.contains("'com/sun/jna/Native'"));
        }
        List<String> loaded = Files.readAllLines(classes);
        if (StartUpCaches.aotCache(Map.of(), "-c", "qemu:///system")) {
            assertThat(loaded.stream().filter(l -> !l.contains("source: shared objects file")))
                    .as("classes not from the start-up cache").allMatch(l -> l.contains(" jdk.internal.event."));
        }
    }

    private static boolean hostHasCpusetCgroups() throws IOException {
        Path v2 = Path.of("/sys/fs/cgroup/cgroup.controllers");
        return Files.isDirectory(Path.of("/sys/fs/cgroup/cpuset"))
                || Files.exists(v2) && Files.readString(v2).contains("cpuset");
    }

    @Test
    void errorsAreOneLineAndExitOne() throws Exception {
        Run r = launcher(Map.of(), "-c", "test:///default", "dominfo nosuch");
        assertThat(r.stderr()).isEqualTo("error: failed to get domain 'nosuch'\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void noClassFileInTheJarIsTooOldForTheStartUpCache() throws IOException {
        List<String> old = new ArrayList<>();
        Map<String, Integer> versions = new HashMap<>();
        try (InputStream f = Files.newInputStream(JAR); ZipInputStream in = new ZipInputStream(f)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    byte[] head = in.readNBytes(8);
                    int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                    versions.put(e.getName(), major);
                    if (major < 50) {
                        old.add(e.getName());
                    }
                }
            }
        }
        assertThat(versions).containsKey("org/jdom2/Element.class");
        assertThat(old).as("class files below Java 6 (not archivable)").isEmpty();
    }

    /**
     * A one-shot {@code list} on the test driver takes its classes from the start-up cache: none of
     * jvirt's or its libraries' classes read from the jar, and on a JDK with an AOT cache (24 and
     * later) none from the JDK's modules and no lambda or method-handle class generated at run
     * time either (each of those costs a one-shot command its start: a lambda made inside an
     * interface, such as Comparator's combinators, is one). JDK 17's archive keeps no method-handle
     * forms, so there only the jar is checked. On both, no resource is looked up, which would open
     * the jar (12,000 entries to index) and the JDK's module image: the drivers are made by name,
     * SLF4J is bound by name, no shipped conf file is read and the process ends with a halt.
     */
    @Test
    void aOneShotListTakesItsClassesFromTheStartUpCache(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        for (Map<String, String> jdk : List.of(Map.<String, String>of(),
                Map.of("JVIRSH_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()))) {
            Run printed = launcher(jdk.isEmpty() ? Map.of("JVIRSH_PRINT_JVM", "1")
                    : Map.of("JVIRSH_PRINT_JVM", "1", "JVIRSH_JAVA", jdk.get("JVIRSH_JAVA")), "-c", "test:///default");
            boolean aot = printed.stdout().lines().anyMatch(o -> o.startsWith("-XX:AOTCache="));
            Path log = tmp.resolve("classes-" + (aot ? "aot" : "cds") + ".log");
            Path inits = tmp.resolve("inits-" + (aot ? "aot" : "cds") + ".log");
            Map<String, String> env = new HashMap<>(jdk);
            launcher(env, "-c", "test:///default", "uri"); // records the cache when it is missing
            env.put("JVIRSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log + " -Xlog:class+init=info:file=" + inits);
            Run r = launcher(env, "-c", "test:///default", "list");
            assertThat(r.stdout()).contains(" 1    test   running");
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("classes loaded (%s)", printed.stdout()).hasSizeGreaterThan(500);
            List<String> missed = loaded.stream().filter(l -> !l.contains("source: shared objects file"))
                    .filter(l -> aot || l.contains("source: file:") || l.contains("source: jar:")).toList();
            assertThat(missed).as("classes not from the start-up cache (%s)", printed.stdout()).isEmpty();
            // nor is any jar or the JDK's module image opened: no resource is looked up
            assertThat(Files.readAllLines(inits)).as("classes initialised").isNotEmpty()
                    .noneMatch(l -> l.contains("'java/util/zip/ZipFile$Source'"))
                    .noneMatch(l -> l.contains("'jdk/internal/jimage/ImageReader$SharedImageReader'"));
        }
    }

    /**
     * A one-shot command whose connection opens a socket looks up no service either: the launcher
     * names NIO's selector provider, which the JDK otherwise finds with {@code ServiceLoader}
     * (opening the jar and the JDK's module image). The socket here is a remote URI's with nothing
     * behind it: the command opens it, fails to connect and says where.
     */
    @Test
    void aOneShotThatOpensASocketLooksUpNoService(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path socket = tmp.resolve("no-such-socket");
        for (Map<String, String> jdk : List.of(Map.<String, String>of(),
                Map.of("JVIRSH_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()))) {
            Path inits = tmp.resolve("inits-" + jdk.size() + ".log");
            Map<String, String> env = new HashMap<>(jdk);
            env.put("JVIRSH_JAVA_OPTS", "-Xlog:class+init=info:file=" + inits);
            Run r = launcher(env, "-c", "test+unix:///default?socket=" + socket, "uri");
            assertThat(r.status()).as(r.stderr()).isEqualTo(1);
            assertThat(r.stderr()).contains(socket.toString());
            assertThat(Files.readAllLines(inits)).as("classes initialised (%s)", jdk)
                    .anyMatch(l -> l.contains("'sun/nio/ch/SocketChannelImpl'"))
                    .noneMatch(l -> l.contains("'java/util/ServiceLoader'"))
                    .noneMatch(l -> l.contains("'jdk/internal/jimage/ImageReader$SharedImageReader'"));
        }
    }

    /**
     * The launcher's check of the sources, end to end, on a copy of the launcher and the jar: with
     * every source older than the jar the command runs in the first JVM (each JVM started logs to
     * a file of its own); with one newer, jvirsh runs the launcher again to build first (there is
     * no pom here, so the build fails and says so).
     */
    @Test
    void aSourceNewerThanTheJarIsBuiltFirst(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.createDirectories(repo.resolve("cli/target"));
        Path launcher = Files.copy(ROOT.resolve("bin/jvirsh"), repo.resolve("bin/jvirsh"));
        Files.copy(ROOT.resolve("bin/jvirsh-training.bash"), repo.resolve("bin/jvirsh-training.bash"));
        Path jar = Files.copy(JAR, repo.resolve("cli/target/jvirsh.jar"));
        Path source = Files.createDirectories(repo.resolve("cli/src/main/java")).resolve("Edited.java");
        Files.writeString(source, "class Edited {}\n");
        java.nio.file.attribute.FileTime jarTime = Files.getLastModifiedTime(jar);
        java.nio.file.attribute.FileTime hourBefore = java.nio.file.attribute.FileTime.fromMillis(jarTime.toMillis() - 3_600_000);
        // the file and every directory the launcher's check starts from or walks (cli/src/main, made
        // after the jar: newer than it whenever a clock tick fell between the two)
        for (Path p = source; !p.equals(repo.resolve("cli/src")); p = p.getParent()) {
            Files.setLastModifiedTime(p, hourBefore);
        }
        List<String> cmd = List.of(launcher.toString(), "-c", "test:///default", "domstate test");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path jvms = Files.createDirectories(tmp.resolve("jvms"));
        pb.environment().put("JVIRSH_JAVA_OPTS", "-Xlog:gc:file=" + jvms.resolve("jvm-%p.log"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(err).isEqualTo("running\n\n");
        try (var started = Files.list(jvms)) {
            assertThat(started.toList()).as("JVMs that ran jvirsh").hasSize(1);
        }

        Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(jarTime.toMillis() + 60_000));
        p = pb.start();
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + err).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err).contains("error: building jvirsh failed");
    }
}
