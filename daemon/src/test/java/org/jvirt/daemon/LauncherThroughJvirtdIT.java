package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Domain;
import org.jvirt.linux.ProcFs;

/**
 * bin/jvirsh through jvirtd, as a user runs it when jvirt.conf sends qemu:///system there: one
 * command on one domain named on its command line takes a start-up cache of its own
 * ("remote-one-setvcpus", ...; docs/jvirsh.md, "Installing"), trained on that command through a
 * jvirtd the training starts on a QEMU domain of its own. An integration test of this module, so
 * that the daemon's jar the training starts is packaged. Each cache is trained again here, with a
 * TMPDIR too long for its sockets: the command answers, the training leaves no temporary
 * directory, jvirtd, QEMU or cgroup behind, and on a JDK with an AOT cache the command loads no
 * class from outside its cache (nor would it, had the training's domain not started). Needs root and
 * QEMU; skipped without them, failed without them under CI=true.
 */
class LauncherThroughJvirtdIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path CACHES = ROOT.resolve("cli/target");
    private static final String REMOTE_ONE = "jvirsh(-jdk\\d+)?-remote-one(-[a-z-]+)?\\.(aot|jsa)";
    private static final String TRAINING_PARTITION = "jvirsh-training";

    @TempDir
    Path dir;

    @BeforeAll
    static void clean() throws Exception {
        QemuEnv.require();
        QemuEnv.sweep();
    }

    @AfterAll
    static void cleanAfter() throws Exception {
        QemuEnv.sweep();
    }

    @Test
    void aOneDomainCommandThroughJvirtdTakesACacheTrainedOnItThroughAJvirtdOfItsOwn() throws Exception {
        Path conf = QemuEnv.confDir();
        Files.writeString(conf.resolve("jvirt.conf"), "jvirtd = \"always\"\njvirtd_socket = \"" + dir.resolve("sock")
                + "\"\njvirtd_socket_ro = \"" + dir.resolve("sock-ro") + "\"\n");
        // a TMPDIR too long for the QEMU monitor sockets of a training's domain below it (the JDK
        // connects to Unix socket paths of at most 106 bytes): the trainings make their
        // directories in /tmp instead, and remove them
        Path trainingTmp = Files.createDirectories(dir.resolve("a-temporary-directory-deeper-than-most"));
        Set<Path> before = trainingDirs();
        Map<String, String> env = Map.of("JVIRT_CONF_DIR", conf.toString(), "TMPDIR", trainingTmp.toString());
        for (Path c : caches(REMOTE_ONE)) {
            Files.delete(c); // trained again by the commands below
        }
        String name = QemuEnv.PREFIX + "launcher";
        List<String> outside = new ArrayList<>();
        String live;
        boolean aot;
        try (DaemonHarness daemon = new DaemonHarness(dir, "", "qemu:///system", uri -> QemuEnv.open())) {
            Domain d = daemon.driver("qemu:///system").defineXml(QemuEnv.xml(name, "cccccccc-1111-2222-3333-444444444444",
                    "<vcpu placement='static' current='1'>2</vcpu>"));
            d.start();
            aot = cache(env, "setvcpus", name, "2", "--live").endsWith(".aot");
            outside.addAll(loadedOutside(env, "setvcpus", name, "2", "--live"));
            for (String query : List.of("vcpucount --live --active", "dominfo", "domstate --reason", "dumpxml")) {
                List<String> words = new ArrayList<>(List.of(query.split(" ")));
                words.add(1, name);
                outside.addAll(loadedOutside(env, words.toArray(String[]::new)));
            }
            live = launcher(env, "vcpucount", name, "--live", "--active").out().trim();
            assertThat(cache(env, "setvcpus", name, "2", "--live")).matches("jvirsh(-jdk\\d+)?-remote-one-setvcpus\\.(aot|jsa)");
            assertThat(cache(env, "dominfo", name)).matches("jvirsh(-jdk\\d+)?-remote-one-dominfo\\.(aot|jsa)");
            assertThat(cache(env, "reboot", name)).as("a command the training does not run alone")
                    .matches("jvirsh(-jdk\\d+)?-remote-one\\.(aot|jsa)");
            assertThat(cache(env, "list", "--all")).matches("jvirsh(-jdk\\d+)?-remote\\.(aot|jsa)");
            d.destroy();
            d.undefine();
        }
        assertThat(live).as("vCPUs live after setvcpus through jvirtd").isEqualTo("2");
        assertThat(caches(REMOTE_ONE)).extracting(p -> p.getFileName().toString().replaceAll("^jvirsh(-jdk\\d+)?-|\\.(aot|jsa)$", ""))
                .containsExactlyInAnyOrder("remote-one-setvcpus", "remote-one-vcpucount", "remote-one-dominfo",
                        "remote-one-domstate", "remote-one-dumpxml", "remote-one");
        try (Stream<Path> left = Files.list(trainingTmp)) {
            assertThat(left).as("a TMPDIR too long for the trainings").isEmpty();
        }
        assertThat(trainingDirs()).as("the trainings' directories in /tmp").isSubsetOf(before);
        ProcFs proc = ProcFs.host();
        List<String> commandLines = proc.pids().stream().map(p -> String.join(" ", proc.cmdline(p))).toList();
        assertThat(commandLines).as("a training's QEMU or jvirtd")
                .noneMatch(c -> c.contains("guest=jvirsh-training-") || c.contains("/jvirsh-training."));
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            assertThat(hierarchies.map(h -> h.resolve(TRAINING_PARTITION))).as("the trainings' cgroups")
                    .noneMatch(Files::isDirectory);
        }
        if (aot) {
            assertThat(outside).as("classes one-domain commands through jvirtd loaded from outside their cache").isEmpty();
        }
    }

    /** {@code bin/jvirsh -c qemu:///system ARGS} with {@code env} added. */
    private static Tools.Result launcher(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/jvirsh").toString(), "-c", "qemu:///system"));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, "", env, 180);
    }

    /** The file name of the start-up cache bin/jvirsh would run {@code jvirsh -c qemu:///system ARGS} with. */
    private static String cache(Map<String, String> env, String... args) throws IOException {
        Map<String, String> printing = new HashMap<>(env);
        printing.put("JVIRSH_PRINT_JVM", "1");
        Tools.Result r = launcher(printing, args);
        assertThat(r.status()).as(r.err()).isZero();
        List<String> caches = r.out().lines().filter(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="))
                .map(o -> Path.of(o.substring(o.indexOf('=') + 1)).getFileName().toString()).toList();
        assertThat(caches).as("one start-up cache").hasSize(1);
        return caches.get(0);
    }

    /**
     * Runs {@code jvirsh -c qemu:///system ARGS} (answering, exit 0) with its class loading logged;
     * returns the classes it loaded from outside its start-up cache but the JDK's event classes,
     * which no cache keeps.
     */
    private List<String> loadedOutside(Map<String, String> env, String... args) throws IOException {
        Path log = dir.resolve(String.join("_", args).replace('/', '_') + ".log");
        Map<String, String> logging = new HashMap<>(env);
        logging.put("JVIRSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Tools.Result r = launcher(logging, args);
        assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isZero();
        List<String> outside = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.contains("source: shared objects file") && !line.contains(" jdk.internal.event.")) {
                outside.add(args[0] + ": " + line);
            }
        }
        return outside;
    }

    private static Set<Path> trainingDirs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/tmp"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("jvirsh-training")).collect(Collectors.toSet());
        }
    }

    private static List<Path> caches(String pattern) throws IOException {
        try (Stream<Path> files = Files.list(CACHES)) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).toList();
        }
    }
}
