package org.jvirt.protocol.remote;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of a reply with status ERROR: libvirt's error number ({@code code}), the part that
 * raised it ({@code domain}), the message, and the details libvirt fills in for some errors.
 */
public record RemoteError(int code, int domain, Optional<String> message, int level, Optional<DomainRef> dom,
                          Optional<String> str1, Optional<String> str2, Optional<String> str3, int int1, int int2,
                          Optional<NetworkRef> net) {
    /** libvirt's {@code VIR_ERR_ERROR}. */
    public static final int LEVEL_ERROR = 2;

    public RemoteError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dom, "dom");
        Objects.requireNonNull(str1, "str1");
        Objects.requireNonNull(str2, "str2");
        Objects.requireNonNull(str3, "str3");
        Objects.requireNonNull(net, "net");
    }

    /** An error with only a code, a domain and a message (what a server usually sends). */
    public static RemoteError of(int code, int domain, String message) {
        return new RemoteError(code, domain, Optional.of(message), LEVEL_ERROR, Optional.empty(), Optional.of(message),
                Optional.empty(), Optional.empty(), -1, -1, Optional.empty());
    }
}
