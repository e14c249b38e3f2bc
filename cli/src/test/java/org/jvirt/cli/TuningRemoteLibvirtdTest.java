package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The client side of the tuning procedures against a real libvirtd (.ci/remote-peers.sh): jvirsh
 * through jvirt's remote driver and virsh, both on libvirtd's test driver, print the same for
 * numatune, domstats, cpu-stats (libvirt's per-CPU reply layout), nodecpustats, freecell,
 * nodecpumap and autostart. Skipped without libvirtd, failing under CI=true.
 */
class TuningRemoteLibvirtdTest {
    private static final Pattern PROMPT = Pattern.compile("(?m)^virsh # [^\\n]*\\n?");

    private static void requireLibvirtd() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of("/var/run/libvirt/libvirt-sock"));
        } catch (IOException e) {
            String missing = "libvirtd does not answer on /var/run/libvirt/libvirt-sock (.ci/remote-peers.sh start)";
            if ("true".equals(System.getenv("CI"))) {
                fail("must run under CI=true: " + missing);
            }
            Assumptions.abort(missing);
        }
    }

    @Test
    void sameOutputAsVirshAgainstLibvirtd() throws Exception {
        requireLibvirtd();
        String commands = Files.readString(Path.of(TuningRemoteLibvirtdTest.class
                .getResource("/differential/tuning-remote.cmds").toURI()));
        Virsh.Run v = Virsh.exec(List.of("virsh", "-c", "test+unix:///default"), commands);
        String out = v.stdout();
        String expected = PROMPT.matcher(out.substring(out.indexOf("virsh # "))).replaceAll("")
                .replaceAll("\\n+$", "\n");
        List<String> jvirsh = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-c", "test+unix:///default"));
        Virsh.Run ours = Virsh.exec(jvirsh, commands);
        assertThat(ours.stdout().replaceAll("\\n+$", "\n")).as("jvirsh; its errors:\n%s", ours.stderr())
                .isEqualTo(expected);
        assertThat(expected).contains("numa_nodeset   : 0", "CPU1:", "\tvcpu_time", "system_time", "iowait:",
                "CPU map:", "marked as autostarted", "state.state=1");
    }
}
