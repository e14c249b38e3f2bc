package org.jvirt.driver.remote.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libvirt's client credentials file ({@code auth.conf}): {@code [auth-libvirt-HOST]} (or
 * {@code [auth-libvirt-default]}) names a {@code [credentials-NAME]} group holding
 * {@code username}/{@code authname} and {@code password}. Looked up in {@code $LIBVIRT_AUTH_FILE},
 * {@code $XDG_CONFIG_HOME/libvirt/auth.conf} (default {@code ~/.config}), {@code /etc/libvirt/auth.conf}.
 */
public final class AuthConf {
    /** What the file gives for one host. */
    public record Credentials(Optional<String> username, Optional<String> password, Optional<String> realm) {
    }

    private final Map<String, Map<String, String>> groups;
    private final Path file;

    private AuthConf(Path file, Map<String, Map<String, String>> groups) {
        this.file = file;
        this.groups = groups;
    }

    public static Optional<AuthConf> find(List<Path> candidates) throws IOException {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return Optional.of(parse(p, Files.readString(p)));
            }
        }
        return Optional.empty();
    }

    static AuthConf parse(Path file, String text) throws IOException {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> current = null;
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = groups.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new HashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || current == null) {
                throw new IOException(file + " line " + n + ": expected [group] or key=value");
            }
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return new AuthConf(file, groups);
    }

    /** The credentials for {@code service} ({@code libvirt}) on {@code host}. */
    public Credentials lookup(String service, String host) {
        Map<String, String> auth = groups.get("auth-" + service + "-" + host);
        if (auth == null) {
            auth = groups.get("auth-" + service + "-default");
        }
        Map<String, String> creds = auth == null ? null : groups.get("credentials-" + auth.get("credentials"));
        if (creds == null) {
            return new Credentials(Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> user = Optional.ofNullable(creds.get("authname")).or(() -> Optional.ofNullable(creds.get("username")));
        return new Credentials(user, Optional.ofNullable(creds.get("password")), Optional.ofNullable(creds.get("realm")));
    }

    public Path file() {
        return file;
    }
}
