package org.jvirt.cli.host;

/** Whether a connection URI names a remote daemon: a transport ({@code qemu+ssh://}) or a host. */
final class RemoteUris {
    private RemoteUris() {
    }

    static boolean isRemote(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return false;
        }
        if (uri.substring(0, colon).contains("+")) {
            return true;
        }
        String rest = uri.substring(colon + 1);
        if (!rest.startsWith("//")) {
            return false;
        }
        int end = rest.indexOf('/', 2);
        String authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
        return !authority.isEmpty();
    }
}
