package org.jvirt.daemon.net;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a client is, as the transport knows it: the user of a Unix-socket peer (SO_PEERCRED), the
 * subject of a TLS client certificate, or nothing for plain TCP.
 *
 * @param transport {@code unix}, {@code unix-ro}, {@code tls} or {@code tcp}
 * @param user      the peer's user name (Unix), when known
 * @param subject   the certificate's subject DN (TLS)
 * @param address   the remote address (TCP, TLS) or socket path (Unix), for logs
 */
public record PeerIdentity(String transport, Optional<String> user, Optional<String> subject, String address) {
    public PeerIdentity {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(address, "address");
    }

    public boolean isRoot() {
        return user.filter("root"::equals).isPresent();
    }

    @Override
    public String toString() {
        return transport + " " + user.or(() -> subject).map(u -> "'" + u + "'").orElse("client") + " (" + address + ")";
    }
}
