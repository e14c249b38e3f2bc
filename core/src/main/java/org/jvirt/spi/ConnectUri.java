package org.jvirt.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * A connection URI such as {@code qemu:///system}, {@code test:///default} or
 * {@code test:///abs/path/node.xml}, or a remote one, {@code driver+transport://host/path}, which
 * only drivers that serve remote URIs take ({@link DriverFactory#servesRemoteUris}).
 */
public record ConnectUri(String text, String driver, Optional<String> transport, Optional<String> host,
                         String path) {
    public ConnectUri {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }

    public static ConnectUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT, "connection URI is empty");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT,
                    "cannot parse connection URI '%s': %s", text, e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CONNECT,
                    "connection URI '%s' must look like DRIVER:///PATH (e.g. qemu:///system, test:///default)", text);
        }
        int plus = scheme.indexOf('+');
        String driver = plus < 0 ? scheme : scheme.substring(0, plus);
        Optional<String> transport = plus < 0 ? Optional.empty() : Optional.of(scheme.substring(plus + 1));
        Optional<String> host = uri.getHost() == null || uri.getHost().isEmpty() ? Optional.empty() : Optional.of(uri.getHost());
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new ConnectUri(text.strip(), driver.toLowerCase(java.util.Locale.ROOT), transport, host, path);
    }

    /** True for URIs naming no remote host and no transport. */
    public boolean isLocal() {
        return transport.isEmpty() && host.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
