package org.jvirt.driver.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jvirt.protocol.remote.Keepalive;
import org.jvirt.spi.Environment;

/**
 * How the remote driver behaves: keepalive (libvirt's defaults: a ping after 5 silent seconds,
 * the server dead after 5 unanswered ones), how long opening may take, and where the user's
 * files are (TLS certificates under {@code ~/.pki/libvirt}, SSH keys and known hosts under
 * {@code ~/.ssh}, {@code auth.conf}).
 */
public record RemoteSettings(int keepaliveInterval, int keepaliveCount, int openTimeoutSeconds, Path home,
                             List<Path> authFiles, Path defaultSocketDir) {
    public RemoteSettings {
        authFiles = List.copyOf(authFiles);
    }

    public static RemoteSettings defaults(Environment env) {
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> auth = new ArrayList<>();
        Optional<String> authFile = env.get("LIBVIRT_AUTH_FILE");
        if (authFile.isPresent()) {
            auth.add(Path.of(authFile.get()));
        }
        Optional<String> configHome = env.get("XDG_CONFIG_HOME");
        auth.add((configHome.isPresent() ? Path.of(configHome.get()) : home.resolve(".config")).resolve("libvirt/auth.conf"));
        auth.add(Path.of("/etc/libvirt/auth.conf"));
        return new RemoteSettings(Keepalive.DEFAULT_INTERVAL_SECONDS, Keepalive.DEFAULT_COUNT, 30, home, auth,
                Path.of("/var/run/libvirt"));
    }

    public RemoteSettings withKeepalive(int interval, int count) {
        return new RemoteSettings(interval, count, openTimeoutSeconds, home, authFiles, defaultSocketDir);
    }

    public RemoteSettings withOpenTimeout(int seconds) {
        return new RemoteSettings(keepaliveInterval, keepaliveCount, seconds, home, authFiles, defaultSocketDir);
    }
}
