package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.PackagedLauncherIT.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jvirsh's qemu:///system start-up caches (docs/jvirsh.md, "Installing"): "qemu", trained on
 * the shell's commands (a domain defined, started, hot-plugged and removed), and "qemu-one", trained
 * on one-domain one-shots (setvcpus, dominfo, ...) against a domain another JVM started. Each
 * training starts a domain of its own: it keeps to a temporary state directory and a cgroup
 * partition of its own (jvirsh-training) and leaves neither behind, nor a QEMU, whatever
 * directories the user's own configuration names.
 */
class QemuTrainingIT {
    private static final Path CACHES = Path.of(System.getProperty("user.dir")).resolve("target");
    private static final String QEMU_CACHE = "jvirsh(-jdk\\d+)?-qemu\\.(aot|jsa)";
    private static final String ONE_DOMAIN_CACHE = "jvirsh(-jdk\\d+)?-qemu-one\\.(aot|jsa)";

    @Test
    void theQemuTrainingsKeepToTheirOwnDirectoriesAndCgroups(@TempDir Path tmp) throws Exception {
        PackagedLauncherIT.requireRootAndQemu("the qemu:///system trainings");
        Path user = PackagedLauncherIT.userConf(tmp);
        for (Path c : caches(QEMU_CACHE + "|" + ONE_DOMAIN_CACHE)) {
            Files.delete(c); // the next qemu:///system commands train again
        }
        Map<String, String> env = Map.of("JVIRT_CONF_DIR", user.toString());
        PackagedLauncherIT.Run list;
        PackagedLauncherIT.Run one;
        List<Path> left = new ArrayList<>();
        try {
            list = launcher(env, "-c", "qemu:///system", "list --all");
            one = launcher(env, "-c", "qemu:///system", "dominfo", "jvirt-launcher-it-none");
        } finally {
            for (String partition : List.of("jvirsh-training", "jvirt-launcher-it")) {
                left.addAll(PartitionGroups.removeEmpty(partition));
            }
        }
        assertThat(list.status()).as(list.stderr()).isZero();
        assertThat(one.status()).isEqualTo(1);
        assertThat(one.stderr()).contains("jvirt-launcher-it-none");
        assertThat(caches(QEMU_CACHE)).as("the qemu cache trained again").hasSize(1);
        assertThat(caches(ONE_DOMAIN_CACHE)).as("the one-domain cache trained again").hasSize(1);
        try (var files = Files.walk(user)) {
            assertThat(files.map(Path::toString)).as("the user's directories").noneMatch(f -> f.contains("jvirsh-training"));
        }
        assertThat(left).as("cgroups the trainings left (removed now)").isEmpty();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .as("QEMU processes of a training").noneMatch(c -> c.contains("guest=jvirsh-training-"));
    }

    private static List<Path> caches(String pattern) throws IOException {
        try (var files = Files.list(CACHES)) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).toList();
        }
    }
}
