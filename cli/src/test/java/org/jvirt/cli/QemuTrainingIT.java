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
 * bin/jvirsh's qemu:///system start-up caches (docs/jvirsh.md, "Installing"): "qemu", trained on
 * the shell's commands (a domain defined, started, hot-plugged and removed), and one per one-domain
 * command ("qemu-one-setvcpus", "qemu-one-dominfo", ...), trained on that command's one-shots
 * against a domain another JVM started. Each
 * training starts a domain of its own: it keeps to a temporary state directory and a cgroup
 * partition of its own (jvirsh-training) and leaves neither behind, nor a QEMU, whatever
 * directories the user's own configuration names.
 */
class QemuTrainingIT {
    private static final String QEMU_CACHE = "jvirsh(-jdk\\d+)?-qemu\\.(aot|jsa)";
    private static final String ONE_DOMAIN_CACHE = "jvirsh(-jdk\\d+)?-qemu-one(-[a-z-]+)?\\.(aot|jsa)";

    @Test
    void theQemuTrainingsKeepToTheirOwnDirectoriesAndCgroups(@TempDir Path tmp) throws Exception {
        PackagedLauncherIT.requireRootAndQemu("the qemu:///system trainings");
        Path user = PackagedLauncherIT.userConf(tmp);
        for (Path c : StartUpCaches.named(QEMU_CACHE + "|" + ONE_DOMAIN_CACHE)) {
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
            left.addAll(PartitionGroups.removeEmpty("jvirsh-training", "jvirt-launcher-it"));
        }
        assertThat(list.status()).as(list.stderr()).isZero();
        assertThat(one.status()).isEqualTo(1);
        assertThat(one.stderr()).contains("jvirt-launcher-it-none");
        assertThat(StartUpCaches.named(QEMU_CACHE)).as("the qemu cache trained again").hasSize(1);
        assertThat(StartUpCaches.named(ONE_DOMAIN_CACHE)).as("the one-domain cache trained again").hasSize(1);
        try (var files = Files.walk(user)) {
            assertThat(files.map(Path::toString)).as("the user's directories").noneMatch(f -> f.contains("jvirsh-training"));
        }
        assertThat(left).as("cgroups the trainings left (removed now)").isEmpty();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")))
                .as("QEMU processes of a training").noneMatch(c -> c.contains("guest=jvirsh-training-"));
    }

    /**
     * A one-domain query's cache holds what it runs on a running domain, plain or with its usual
     * options: none loads a class from outside it but the JDK's event classes, which no cache keeps
     * (from the jar, which opens and indexes it, some 80 ms in the interpreter: schedinfo, cpu-stats,
     * numatune and pincheck did before the training ran them, and vcpucount with options before its
     * own cache's training ran them; nor a method handle's forms spun at run time). On
     * a JDK without an AOT cache (JDK 17's AppCDS) only the test's other checks run.
     */
    @Test
    void aOneDomainQueryTakesItsClassesFromTheCache(@TempDir Path tmp) throws Exception {
        PackagedLauncherIT.requireRootAndQemu("one-domain commands on a QEMU domain");
        String name = "jvirt-launcher-it-q-" + ProcessHandle.current().pid();
        StartUpCaches.queriesTakeTheirClassesFromTheCache(tmp, "qemu:///system", name, "<domain type='qemu'><name>"
                + name + "</name><memory unit='MiB'>64</memory><vcpu placement='static' cpuset='0' current='1'>2</vcpu>"
                + "<cputune><vcpupin vcpu='0' cpuset='0'/></cputune><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "</domain>", List.of("vcpucount", "vcpuinfo", "vcpupin", "emulatorpin", "iothreadinfo", "schedinfo",
                "numatune", "cpu-stats", "pincheck", "domstate", "domid", "domuuid", "dumpxml", "dominfo",
                "vcpucount --live --active", "vcpuinfo --pretty", "cpu-stats --total", "domstate --reason",
                "dumpxml --inactive"));
    }
}
