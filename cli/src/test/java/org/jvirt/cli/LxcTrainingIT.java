package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.PackagedLauncherIT.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jvirsh's start-up caches of one-domain commands on lxc:///system (one per command,
 * "lxc-one-dominfo", ..., docs/jvirsh.md, "Installing"): each trained on its command against a
 * container another JVM started (sharing the
 * host's root, sleep as its init), with its state in a temporary directory and its cgroups in a
 * partition of its own (jvirsh-training), neither left behind; and holding what each one-domain
 * query runs on a running container (the lxc cache, trained on lists, had none of it: 60 classes
 * from the jar and 230 from the JDK's module image, 310-440 ms a query).
 */
class LxcTrainingIT {
    private static final String ONE_DOMAIN_CACHE = "jvirsh(-jdk\\d+)?-lxc-one(-[a-z-]+)?\\.(aot|jsa)";
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    @Test
    void theTrainingKeepsToItsOwnDirectoriesAndCgroups(@TempDir Path tmp) throws Exception {
        PackagedLauncherIT.requireRootAnd("the lxc:///system training", UNSHARE);
        Path user = PackagedLauncherIT.userConf(tmp);
        for (Path c : StartUpCaches.named(ONE_DOMAIN_CACHE)) {
            Files.delete(c); // the next one-domain command trains again
        }
        PackagedLauncherIT.Run one;
        List<Path> left = new ArrayList<>();
        try {
            one = launcher(Map.of("JVIRT_CONF_DIR", user.toString()), "-c", "lxc:///system", "dominfo",
                    "jvirt-launcher-it-none");
        } finally {
            left.addAll(PartitionGroups.removeEmpty("jvirsh-training", "jvirt-launcher-it"));
        }
        assertThat(one.status()).isEqualTo(1);
        assertThat(one.stderr()).contains("jvirt-launcher-it-none");
        assertThat(StartUpCaches.named(ONE_DOMAIN_CACHE)).as("the one-domain cache trained again").hasSize(1);
        try (var files = Files.walk(user)) {
            assertThat(files.map(Path::toString)).as("the user's directories").noneMatch(f -> f.contains("jvirsh-training"));
        }
        assertThat(left).as("cgroups the training left (removed now)").isEmpty();
    }

    @Test
    void aOneDomainQueryTakesItsClassesFromTheCache(@TempDir Path tmp) throws Exception {
        PackagedLauncherIT.requireRootAnd("one-domain commands on a container", UNSHARE);
        String name = "jvirt-launcher-it-c-" + ProcessHandle.current().pid();
        StartUpCaches.queriesTakeTheirClassesFromTheCache(tmp, "lxc:///system", name, "<domain type='lxc'><name>" + name
                + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>exe</type><init>/bin/sh</init>"
                + "<initarg>-c</initarg><initarg>exec sleep infinity</initarg></os></domain>", List.of("dominfo",
                "domstate", "domid", "domuuid", "vcpucount", "schedinfo", "numatune", "cpu-stats", "dumpxml",
                "vcpucount --live --active", "domstate --reason", "dumpxml --inactive"));
    }
}
