package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jvirsh's training entry point ({@link StartupTraining}) runs every run it is given, each
 * as jvirsh would, and a one-shot command loads only what it needs: a test:///default or a
 * qemu:///system {@code list} runs no OSHI, does not start JNA and makes no Jackson ObjectMapper (the
 * class-load log of a separate JVM says so), nor does a qemu:///system {@code nodeinfo}.
 */
class StartupTrainingTest {
    @TempDir
    Path tmp;

    record Run(String stderr, int status, List<String> loaded) {
    }

    private Run train(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = tmp.resolve("classes.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xlog:class+load=info:file=" + log);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StartupTraining.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the training ended").isTrue();
        return new Run(err, p.exitValue(), Files.readAllLines(log));
    }

    /**
     * No OSHI implementation (the probe's work), JNA's Native never loaded (its native library and
     * library search), no ObjectMapper; the verifier may still load an interface or exception
     * type of theirs that our classes name.
     */
    private static void loadsNothingHeavy(Run r) {
        assertThat(r.loaded()).as("classes loaded").isNotEmpty()
                .noneMatch(l -> l.contains(" oshi.hardware.platform.") || l.contains(" oshi.software.os.linux.")
                        || l.contains(" oshi.util."))
                .noneMatch(l -> l.contains(" com.sun.jna.Native ") || l.contains(" com.sun.jna.NativeLibrary "))
                .noneMatch(l -> l.contains(" com.fasterxml.jackson.databind.ObjectMapper "));
    }

    @Test
    void everyRunIsRunAndReportedWithItsExitStatus() throws Exception {
        Run r = train(Map.of(), "-c", "test:///default", "list --all; dominfo test; setvcpus test 1 --live",
                StartupTraining.NEXT, "-c", "test:///default", "dominfo no-such-domain",
                StartupTraining.NEXT, "-c", "test:///default", "vcpucount test");
        assertThat(r.status()).isZero();
        assertThat(r.stderr().lines().toList()).containsExactly(
                "training: exit 0: jvirsh -c test:///default list --all; dominfo test; setvcpus test 1 --live",
                "training: exit 1: jvirsh -c test:///default dominfo no-such-domain",
                "training: exit 0: jvirsh -c test:///default vcpucount test");
        loadsNothingHeavy(r);
    }

    @Test
    void emptyRunsAreDropped() {
        assertThat(StartupTraining.runs(new String[] {"---", "a", "b", "---", "---", "c"}))
                .containsExactly(List.of("a", "b"), List.of("c"));
    }

    /**
     * qemu:///system (root: its state under a temp dir, jvirtd never asked) opened, listed, and
     * asked for the host's topology ({@code nodeinfo}): read from sysfs, OSHI never started.
     */
    @Test
    void aQemuSystemListAndNodeinfoStartNeitherOshiNorJna() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("qemu:///system needs root, and CI runs as root");
        }
        assumeTrue(root, "qemu:///system needs root");
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Path state = tmp.resolve("q");
        Files.writeString(conf.resolve("qemu.conf"), "config_dir = \"" + state.resolve("etc") + "\"\nstate_dir = \""
                + state.resolve("run") + "\"\nlog_dir = \"" + state.resolve("log") + "\"\n");
        Files.writeString(conf.resolve("jvirt.conf"), "jvirtd = \"never\"\n");
        Run r = train(Map.of("JVIRT_CONF_DIR", conf.toString()), "-c", "qemu:///system", "uri; list --all; nodeinfo");
        assertThat(r.stderr()).isEqualTo("training: exit 0: jvirsh -c qemu:///system uri; list --all; nodeinfo\n");
        loadsNothingHeavy(r);
    }
}
