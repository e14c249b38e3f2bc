package org.jvirt.driver.remote.transport;

import java.util.Locale;

import org.jvirt.driver.remote.RemoteUri;

/** The command the ssh transport runs on the server, per {@code proxy=}. */
public final class SshTransportCommands {
    private SshTransportCommands() {
    }

    /** What runs on the server: the helper, netcat, or a shell choosing between them. */
    public static String of(RemoteUri uri, boolean readOnly, String defaultSocket) {
        String proxy = uri.param("proxy").orElse("auto").toLowerCase(Locale.ROOT);
        String socket = uri.param("socket").orElse(defaultSocket);
        String nc = uri.param("netcat").orElse("nc");
        String helper = "virt-ssh-helper " + (readOnly ? "-r " : "") + quote(uri.serverName());
        String netcat = quote(nc) + " -U " + quote(socket);
        return switch (proxy) {
            case "native" -> helper;
            case "netcat" -> netcat;
            case "auto" -> "sh -c " + quote("if command -v virt-ssh-helper >/dev/null 2>&1; then exec " + helper
                    + "; else exec " + netcat + "; fi");
            default -> throw new IllegalArgumentException(
                    "proxy=" + proxy + " is not one of auto, native, netcat (in " + uri + ")");
        };
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
