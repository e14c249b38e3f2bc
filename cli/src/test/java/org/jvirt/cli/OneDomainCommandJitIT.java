package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jvirsh runs one command on one domain named on its command line in the interpreter
 * ({@code -Xint}), on the real drivers and through jvirtd (a remote URI over a Unix socket), and
 * everything else with C1 (docs/jvirsh.md, "Installing"): what it would run, as
 * {@code JVIRSH_PRINT_JVM} prints it.
 */
class OneDomainCommandJitIT {
    @TempDir
    Path conf;

    /** The JVM and options bin/jvirsh would run {@code jvirsh -c URI COMMAND...} with. */
    private List<String> jvm(String uri, String... command) throws Exception {
        Files.writeString(conf.resolve("jvirt.conf"), "jvirtd = \"never\"\n");
        String[] args = new String[command.length + 2];
        args[0] = "-c";
        args[1] = uri;
        System.arraycopy(command, 0, args, 2, command.length);
        PackagedLauncherIT.Run r = PackagedLauncherIT.launcher(
                Map.of("JVIRSH_PRINT_JVM", "1", "JVIRT_CONF_DIR", conf.toString()), args);
        assertThat(r.status()).as(r.stderr()).isZero();
        return r.stdout().lines().toList();
    }

    private String jit(String uri, String... command) throws Exception {
        List<String> options = jvm(uri, command);
        boolean interpreted = options.contains("-Xint");
        assertThat(interpreted ^ options.contains("-XX:TieredStopAtLevel=1")).as("one JIT mode: " + options).isTrue();
        return interpreted ? "interpreter" : "C1";
    }

    @Test
    void aCommandOnOneDomainByNameRunsInTheInterpreter() throws Exception {
        assertThat(jit("lxc:///system", "setvcpus", "d", "4", "--live")).isEqualTo("interpreter");
        assertThat(jit("lxc:///system", "-t", "dominfo", "d")).isEqualTo("interpreter");
        assertThat(jit("lxc:///system", "setvcpus", "--count", "4", "--domain", "d")).isEqualTo("interpreter");
        assertThat(jit("lxc:///system", "vcpupin", "--domain=d", "1", "0")).isEqualTo("interpreter");
        assertThat(jit("qemu:///system", "destroy", "d")).isEqualTo("interpreter");
        assertThat(jit("qemu+unix:///system?socket=/nonexistent", "dominfo", "d")).as("remote, over a Unix socket")
                .isEqualTo("interpreter");
    }

    @Test
    void everythingElseRunsWithTheJit() throws Exception {
        assertThat(jit("lxc:///system")).as("the shell").isEqualTo("C1");
        assertThat(jit("lxc:///system", "list", "--all")).isEqualTo("C1");
        assertThat(jit("lxc:///system", "dominfo", "5")).as("by id: reads every domain").isEqualTo("C1");
        assertThat(jit("lxc:///system", "dominfo", "2f9a4b1c-0d3e-4f5a-8b6c-7d8e9f0a1b2c")).as("by UUID").isEqualTo("C1");
        assertThat(jit("lxc:///system", "setvcpus", "--count", "4", "--domain", "7")).isEqualTo("C1");
        assertThat(jit("lxc:///system", "start", "d")).isEqualTo("C1");
        assertThat(jit("lxc:///system", "event", "--all")).isEqualTo("C1");
        assertThat(jit("lxc:///system", "dominfo", "d", ";", "list")).as("two commands").isEqualTo("C1");
        assertThat(jit("lxc:///system", "dominfo d; dominfo e")).as("two commands in one argument").isEqualTo("C1");
        assertThat(jit("test:///default", "dominfo", "test")).as("the test driver reads its whole node file")
                .isEqualTo("C1");
        assertThat(jit("qemu+tls://127.0.0.1/system", "dominfo", "d")).as("a TLS handshake").isEqualTo("C1");
    }

    /**
     * On qemu:///system and lxc:///system in this process (as root, with QEMU and unshare: the
     * trainings start a domain), one command on one named domain takes the start-up cache trained
     * on that command alone (or, for one the training does not run alone, on all such commands);
     * every other command the cache of the driver's whole path. Each exists once asked for.
     */
    @Test
    void aOneDomainCommandHasAStartUpCacheOfItsOwn() throws Exception {
        PackagedLauncherIT.requireRootAndQemu("the qemu:///system trainings");
        assertThat(cache("qemu:///system", "setvcpus", "d", "4", "--live"))
                .matches("jvirsh(-jdk\\d+)?-qemu-one-setvcpus\\.(aot|jsa)");
        assertThat(cache("qemu:///system", "-d", "0", "dominfo", "d")).matches("jvirsh(-jdk\\d+)?-qemu-one-dominfo\\.(aot|jsa)");
        assertThat(cache("qemu:///system", "reboot", "d")).as("a command the training does not run alone")
                .matches("jvirsh(-jdk\\d+)?-qemu-one\\.(aot|jsa)");
        assertThat(cache("qemu:///system", "list", "--all")).matches("jvirsh(-jdk\\d+)?-qemu\\.(aot|jsa)");
        assertThat(cache("qemu:///system", "dominfo", "5")).as("by id").matches("jvirsh(-jdk\\d+)?-qemu\\.(aot|jsa)");
        assertThat(cache("qemu:///system", "start", "d")).matches("jvirsh(-jdk\\d+)?-qemu\\.(aot|jsa)");
        assertThat(cache("lxc:///system", "dominfo", "d")).matches("jvirsh(-jdk\\d+)?-lxc-one-dominfo\\.(aot|jsa)");
        assertThat(cache("lxc:///system", "list")).matches("jvirsh(-jdk\\d+)?-lxc\\.(aot|jsa)");
    }

    /** The file name of the start-up cache in the options bin/jvirsh would run the command with. */
    private String cache(String uri, String... command) throws Exception {
        List<String> caches = jvm(uri, command).stream()
                .filter(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="))
                .map(o -> Path.of(o.substring(o.indexOf('=') + 1)).getFileName().toString()).toList();
        assertThat(caches).as("one start-up cache").hasSize(1);
        return caches.get(0);
    }
}
