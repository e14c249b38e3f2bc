package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.parse.OptionSpec;

/** Domain lookup order, registry invariants and laziness of the connection. */
class LookupAndStatusTest {
    @Test
    void anIdWinsOverANameThatLooksLikeIt(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("one.xml");
        Files.writeString(xml, "<domain type='test'><name>1</name><memory>1024</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>");
        JvirshHarness h = new JvirshHarness();
        JvirshHarness.Result r = h.run("-c", "test:///default", "define " + xml + "; domname 1; domuuid 1; dominfo 1; "
                + "start 1; domid 1; destroy test; domstate 1");
        assertThat(r.stdout()).contains("test\n\n6695eb01-f6a4-8304-79aa-97f2502e193f\n\n", "Name:           test");
        assertThat(r.stderr()).contains("Domain is already active");
        assertThat(r.stdout()).endsWith("Domain 'test' destroyed\n\nshut off\n\n");
    }

    @Test
    void helpAndEchoNeverOpenTheConnection() {
        JvirshHarness h = new JvirshHarness();
        JvirshHarness.Result r = h.run("-c", "nowhere:///x", "help uri; echo hi; event --list");
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void everyCommandHasHelpAndAGroup() {
        Jvirsh j = Jvirsh.withDefaults((u, ro) -> {
            throw new AssertionError("no connection expected");
        });
        assertThat(j.registry().all()).hasSize(53);
        for (CommandSpec c : j.registry().all()) {
            assertThat(c.summary()).as(c.name()).isNotBlank();
            for (OptionSpec o : c.options()) {
                assertThat(o.help()).as(c.name() + " --" + o.name()).isNotBlank();
            }
        }
        for (String name : new String[] {"help", "version", "uri", "hostname", "nodeinfo", "capabilities", "list",
                "define", "undefine", "create", "start", "destroy", "shutdown", "reboot", "suspend", "resume",
                "domstate", "dominfo", "domid", "domname", "domuuid", "dumpxml", "vcpupin", "emulatorpin",
                "iothreadpin", "iothreadinfo", "setvcpus", "setvcpu", "vcpucount", "vcpuinfo", "event", "echo",
                "quit", "exit", "complete", "pinmap", "pincheck", "domxml-to-native", "lxc-enter-namespace",
                "schedinfo", "numatune", "iothreadadd", "iothreaddel", "iothreadset", "autostart", "start-autostart",
                "cpu-stats", "domstats", "freecell", "nodecpumap", "nodecpustats", "nodememstats", "domcapabilities"}) {
            assertThat(j.registry().find(name)).as(name).isPresent();
        }
        assertThat(j.registry().group(CommandGroup.PINNING)).extracting(CommandSpec::name)
                .containsExactly("pincheck", "pinmap");
    }

    /**
     * Commands given on the command line open their connection for commands (the driver reads
     * each domain when first looked up); a shell reading its input opens it as a library does.
     */
    @Test
    void aCommandOnTheCommandLineOpensItsConnectionForCommandsAShellDoesNot() {
        java.util.List<String> opened = new java.util.ArrayList<>();
        org.jvirt.cli.shell.ConnectionProvider provider = new org.jvirt.cli.shell.ConnectionProvider() {
            @Override
            public org.jvirt.Connection open(String uri, boolean readOnly) {
                opened.add("open");
                return org.jvirt.Jvirt.connect(uri);
            }

            @Override
            public org.jvirt.Connection openForCommands(String uri, boolean readOnly) {
                opened.add("for commands");
                return org.jvirt.Jvirt.connect(uri);
            }
        };
        java.io.PrintStream none = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        Jvirsh j = Jvirsh.withDefaults(provider);
        j.run(GlobalOptions.parse(new String[] {"-c", "test:///default", "uri"}), java.io.InputStream.nullInputStream(),
                none, none, () -> false);
        j.run(GlobalOptions.parse(new String[] {"-c", "test:///default"}),
                new java.io.ByteArrayInputStream("uri\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), none, none,
                () -> false);
        assertThat(opened).containsExactly("for commands", "open");
    }

    @Test
    void connectionIsClosedAtTheEnd() {
        JvirshHarness h = new JvirshHarness();
        h.run("-c", "test:///default", "uri");
        assertThat(h.allClosed()).isTrue();
    }
}
