package org.jvirt.driver.remote;

import java.io.IOException;
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

/**
 * The real servers of .ci/remote-peers.sh (libvirtd on its Unix socket, TCP 16509 and TLS 16514;
 * sshd on 127.0.0.1:2222), found through {@code JVIRT_REMOTE_PEERS} (default
 * /tmp/jvirt-remote-peers). Without them a test is skipped with the reason, except under
 * CI=true, where it fails: CI starts them.
 */
final class Peers {
    static final Path SOCKET = Path.of("/var/run/libvirt/libvirt-sock");

    private final Path dir;
    private final Map<String, String> env;

    private Peers(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    static Peers require() {
        Path dir = Path.of(System.getenv().getOrDefault("JVIRT_REMOTE_PEERS", "/tmp/jvirt-remote-peers"));
        String missing = null;
        Map<String, String> env = new HashMap<>();
        if (!Files.isRegularFile(dir.resolve("env"))) {
            missing = "no " + dir.resolve("env") + ": start the servers with .ci/remote-peers.sh start " + dir;
        } else if (!answers(SOCKET)) {
            missing = "libvirtd does not answer on " + SOCKET + " (.ci/remote-peers.sh start " + dir + ")";
        } else {
            try {
                for (String line : Files.readAllLines(dir.resolve("env"))) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        env.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            } catch (IOException e) {
                missing = "cannot read " + dir.resolve("env") + ": " + e.getMessage();
            }
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("real libvirtd test cannot run under CI=true: " + missing);
            }
            Assumptions.abort(missing);
        }
        return new Peers(dir, env);
    }

    private static boolean answers(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String get(String key) {
        return env.get(key);
    }

    Path dir() {
        return dir;
    }

    /** {@code test+tls://127.0.0.1/default?pkipath=...}-style suffix for the TLS transport. */
    String tlsParams() {
        return "pkipath=" + get("pki");
    }

    String sshParams() {
        return "keyfile=" + get("ssh_key") + "&known_hosts=" + get("ssh_known_hosts");
    }

    /** Writes an auth.conf with the SASL user for every host and returns it. */
    Path authFile(Path tmp) throws IOException {
        Path f = tmp.resolve("auth.conf");
        Files.writeString(f, "[credentials-jvirt]\nauthname=" + get("sasl_user") + "\npassword=" + get("sasl_password")
                + "\n\n[auth-libvirt-default]\ncredentials=jvirt\n");
        return f;
    }

    /** Opens {@code uri} with the jvirt drivers, the SASL credentials from {@code authFile}. */
    static org.jvirt.Connection open(String uri, Path authFile, boolean readOnly) {
        org.jvirt.spi.Environment env = org.jvirt.spi.Environment.of(java.util.Map.of("LIBVIRT_AUTH_FILE", authFile.toString()));
        return org.jvirt.connect.JvirtBootstrap.connectionFactory(org.jvirt.connect.JvirtBootstrap.driverModules(), env)
                .open(uri, new org.jvirt.connect.ConnectOptions(readOnly));
    }

    /** Destroys and undefines the test driver's domains named {@code prefix}* (leftovers of a test class). */
    static void sweep(String prefix) throws IOException, InterruptedException {
        for (String line : virsh("test+unix:///default", "list", "--all", "--name").out().split("\n")) {
            if (line.strip().startsWith(prefix)) {
                virsh("test+unix:///default", "destroy", line.strip());
                virsh("test+unix:///default", "undefine", line.strip());
            }
        }
    }

    /** Runs virsh; its standard output (fails the test on a non-zero exit unless {@code mayFail}). */
    static Result virsh(String uri, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("virsh " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {
    }
}
