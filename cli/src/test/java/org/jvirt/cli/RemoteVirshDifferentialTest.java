package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jvirsh through jvirt's remote driver and virsh, both against the same real libvirtd's test
 * driver, print the same for the same command stream (differential/remote.cmds): once for each
 * transport jvirsh uses (unix, tcp, tls with SASL, ssh with the helper and with netcat); virsh
 * always over the Unix socket. Masked as in {@link VirshDifferentialTest} (CPU times, which
 * libvirt's test driver derives from the clock, and what jvirt has no data for).
 * Needs the servers of .ci/remote-peers.sh: skipped without them, except under CI=true.
 */
class RemoteVirshDifferentialTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unix", "tcp", "tls", "ssh-native", "ssh-netcat"})
    void sameOutputAsVirshOverEveryTransport(String transport) throws Exception {
        Map<String, String> peers = peers();
        Path dir = Path.of(RemoteVirshDifferentialTest.class.getResource("/differential/remote.cmds").toURI()).getParent();
        String commands = Files.readString(dir.resolve("remote.cmds")).replace("@DIR@", dir.toString());
        Path auth = tmp.resolve("auth.conf");
        Files.writeString(auth, "[credentials-jvirt]\nauthname=" + peers.get("sasl_user") + "\npassword="
                + peers.get("sasl_password") + "\n[auth-libvirt-127.0.0.1]\ncredentials=jvirt\n");
        String uri = switch (transport) {
            case "unix" -> "test+unix:///default";
            case "tcp" -> "test+tcp://127.0.0.1/default";
            case "tls" -> "test+tls://127.0.0.1/default?pkipath=" + peers.get("pki");
            case "ssh-native", "ssh-netcat" -> "test+ssh://root@127.0.0.1:" + peers.get("ssh_port") + "/default?keyfile="
                    + peers.get("ssh_key") + "&known_hosts=" + peers.get("ssh_known_hosts") + "&proxy="
                    + transport.substring(4);
            default -> throw new IllegalArgumentException(transport);
        };
        String expected = VirshDifferentialTest.mask(Virsh.withoutBannerAndPrompts(run(List.of("virsh", "-c", "test+unix:///default"), commands,
                auth)));
        List<String> jvirsh = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-c", uri);
        String actual = VirshDifferentialTest.mask(run(jvirsh, commands, auth));
        assertThat(actual).as("jvirsh over %s vs virsh", uri).isEqualTo(expected);
        assertThat(actual).contains("jvremote-diff").contains("CPU Affinity");
    }

    private static Map<String, String> peers() throws IOException {
        Path dir = Path.of(System.getenv().getOrDefault("JVIRT_REMOTE_PEERS", "/tmp/jvirt-remote-peers"));
        String missing = null;
        if (!Files.isRegularFile(dir.resolve("env"))) {
            missing = "no " + dir.resolve("env") + " (.ci/remote-peers.sh start " + dir + ")";
        } else {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of("/var/run/libvirt/libvirt-sock"));
            } catch (IOException e) {
                missing = "libvirtd does not answer on /var/run/libvirt/libvirt-sock";
            }
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the remote differential test must run under CI=true: " + missing);
            }
            Assumptions.abort(missing);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static String run(List<String> cmd, String stdin, Path auth) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("LIBVIRT_AUTH_FILE", auth.toString());
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd.get(0) + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
