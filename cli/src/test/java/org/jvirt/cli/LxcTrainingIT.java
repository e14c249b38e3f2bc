package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.PackagedLauncherIT.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jvirsh's start-up cache of one-domain commands on lxc:///system ("lxc-one", docs/jvirsh.md,
 * "Installing"): trained on those commands against a container another JVM started (sharing the
 * host's root, sleep as its init), with its state in a temporary directory and its cgroups in a
 * partition of its own (jvirsh-training), neither left behind; and holding what each one-domain
 * query runs on a running container (the lxc cache, trained on lists, had none of it: 60 classes
 * from the jar and 230 from the JDK's module image, 310-440 ms a query).
 */
class LxcTrainingIT {
    private static final Path CACHES = Path.of(System.getProperty("user.dir")).resolve("target");
    private static final String ONE_DOMAIN_CACHE = "jvirsh(-jdk\\d+)?-lxc-one\\.(aot|jsa)";

    /** Skipped without root and unshare, except under CI=true, where that fails. */
    private static void requireRootAndUnshare() {
        boolean real = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"));
        if (!real) {
            String reason = "the lxc:///system training needs root and unshare";
            Assertions.assertFalse("true".equalsIgnoreCase(System.getenv("CI")), reason + " (CI=true: not skipping)");
            Assumptions.assumeTrue(false, reason);
        }
    }

    /** A jvirt configuration directory of a user: lxc:///system's state below it, jvirtd never asked. */
    private static Path userConf(Path tmp) throws IOException {
        Path user = Files.createDirectories(tmp.resolve("user"));
        Files.writeString(user.resolve("lxc.conf"), String.format("config_dir = \"%1$s/etc\"%nstate_dir = \"%1$s/run\"%n"
                + "log_dir = \"%1$s/log\"%ncgroup_partition = \"/jvirt-launcher-it\"%n", user));
        Files.writeString(user.resolve("jvirt.conf"), "jvirtd = \"never\"\n");
        return user;
    }

    @Test
    void theTrainingKeepsToItsOwnDirectoriesAndCgroups(@TempDir Path tmp) throws Exception {
        requireRootAndUnshare();
        Path user = userConf(tmp);
        for (Path c : caches()) {
            Files.delete(c); // the next one-domain command trains again
        }
        PackagedLauncherIT.Run one;
        List<Path> left = new ArrayList<>();
        try {
            one = launcher(Map.of("JVIRT_CONF_DIR", user.toString()), "-c", "lxc:///system", "dominfo",
                    "jvirt-launcher-it-none");
        } finally {
            for (String partition : List.of("jvirsh-training", "jvirt-launcher-it")) {
                left.addAll(PartitionGroups.removeEmpty(partition));
            }
        }
        assertThat(one.status()).isEqualTo(1);
        assertThat(one.stderr()).contains("jvirt-launcher-it-none");
        assertThat(caches()).as("the one-domain cache trained again").hasSize(1);
        try (var files = Files.walk(user)) {
            assertThat(files.map(Path::toString)).as("the user's directories").noneMatch(f -> f.contains("jvirsh-training"));
        }
        assertThat(left).as("cgroups the training left (removed now)").isEmpty();
    }

    @Test
    void aOneDomainQueryTakesItsClassesFromTheCache(@TempDir Path tmp) throws Exception {
        requireRootAndUnshare();
        Path user = userConf(tmp);
        String name = "jvirt-launcher-it-c-" + ProcessHandle.current().pid();
        Path xml = tmp.resolve("domain.xml");
        Files.writeString(xml, "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type>exe</type><init>/bin/sh</init><initarg>-c</initarg><initarg>exec sleep infinity</initarg>"
                + "</os></domain>");
        Map<String, String> env = new HashMap<>(Map.of("JVIRT_CONF_DIR", user.toString()));
        boolean aot = launcher(Map.of("JVIRSH_PRINT_JVM", "1", "JVIRT_CONF_DIR", user.toString()), "-c", "lxc:///system",
                "dominfo", name).stdout().lines().anyMatch(o -> o.startsWith("-XX:AOTCache="));
        List<String> outside = new ArrayList<>();
        try {
            assertThat(launcher(env, "-c", "lxc:///system", "define " + xml + "; start " + name).status()).isZero();
            for (String command : List.of("dominfo", "domstate", "domid", "domuuid", "vcpucount", "schedinfo",
                    "numatune", "cpu-stats", "dumpxml")) {
                Path log = tmp.resolve(command + ".log");
                env.put("JVIRSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
                PackagedLauncherIT.Run r = launcher(env, "-c", "lxc:///system", command, name);
                assertThat(r.status()).as(command + ": " + r.stderr()).isZero();
                assertThat(r.stdout()).as(command).isNotBlank();
                for (String line : Files.readAllLines(log)) {
                    if (!line.contains("source: shared objects file") && !line.contains(" jdk.internal.event.")) {
                        outside.add(command + ": " + line);
                    }
                }
            }
        } finally {
            env.remove("JVIRSH_JAVA_OPTS");
            launcher(env, "-c", "lxc:///system", "destroy " + name + "; undefine " + name);
            PartitionGroups.removeEmpty("jvirsh-training");
            PartitionGroups.removeEmpty("jvirt-launcher-it");
        }
        if (aot) {
            assertThat(outside).as("classes one-domain queries loaded from outside the start-up cache").isEmpty();
        }
    }

    private static List<Path> caches() throws IOException {
        try (var files = Files.list(CACHES)) {
            return files.filter(f -> f.getFileName().toString().matches(ONE_DOMAIN_CACHE)).toList();
        }
    }
}
