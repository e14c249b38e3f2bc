package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.Jvirt;

/**
 * jvirtd over SSH with no helper of its own: virsh's and jvirt's ssh transports run {@code nc -U}
 * on jvirtd's socket on the far side ({@code ?socket=...&proxy=netcat}). Uses the sshd of
 * .ci/remote-peers.sh (JVIRT_REMOTE_PEERS): skipped without it, failed without it under CI=true.
 */
class SshTest {
    @TempDir
    Path dir;

    private static Map<String, String> peers() throws Exception {
        Path env = Path.of(System.getenv().getOrDefault("JVIRT_REMOTE_PEERS", "/tmp/jvirt-remote-peers"), "env");
        Tools.require(Files.isRegularFile(env), "the sshd of .ci/remote-peers.sh (" + env + ")",
                ".ci/remote-peers.sh start DIR; JVIRT_REMOTE_PEERS=DIR");
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    @Test
    void virshAndJvirtReachJvirtdThroughNetcatOverSsh() throws Exception {
        Map<String, String> p = peers();
        Path virsh = Tools.virsh();
        try (DaemonHarness daemon = DaemonHarness.start(dir)) {
            String base = "test+ssh://root@127.0.0.1:" + p.get("ssh_port") + "/default?socket=" + daemon.rw()
                    + "&keyfile=" + p.get("ssh_key") + "&proxy=netcat";
            Tools.Result r = Tools.run(List.of(virsh.toString(), "-c", base + "&no_verify=1", "list; vcpupin test"), "",
                    Map.of(), 60);
            assertThat(r.out()).as(r.err()).contains(" 1    test   running", " 0      0-7");
            try (Connection c = Jvirt.connect(base + "&known_hosts=" + p.get("ssh_known_hosts"))) {
                assertThat(c.lookupByName("test").vcpuPinInfo(org.jvirt.Affect.LIVE)).hasSize(2);
            }
        }
    }
}
