package org.jvirt.error;

import java.util.Objects;

/**
 * The one exception type of jvirt: unchecked, with a stable {@link ErrorCode}, the
 * {@link ErrorDomain} that raised it and a message a user can act on (what was wrong, where,
 * what is allowed).
 */
public class VirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final ErrorDomain domain;

    public VirtException(ErrorCode code, ErrorDomain domain, String message) {
        this(code, domain, message, null);
    }

    public VirtException(ErrorCode code, ErrorDomain domain, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /** Shorthand with a {@code String.format} message. */
    public static VirtException of(ErrorCode code, ErrorDomain domain, String format, Object... args) {
        return new VirtException(code, domain, args.length == 0 ? format : String.format(format, args));
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorDomain domain() {
        return domain;
    }

    @Override
    public String toString() {
        return "VirtException[" + code + "(" + code.number() + "), " + domain + "]: " + getMessage();
    }
}
