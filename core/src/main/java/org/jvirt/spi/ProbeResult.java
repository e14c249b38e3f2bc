package org.jvirt.spi;

import java.util.Objects;

import org.jvirt.error.VirtException;

/** What a driver says to a URI: accept it, decline it (with the reason), or fail. */
public sealed interface ProbeResult {
    record Accept() implements ProbeResult {
    }

    record Decline(String reason) implements ProbeResult {
        public Decline {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Error(VirtException error) implements ProbeResult {
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }

    static ProbeResult accept() {
        return new Accept();
    }

    static ProbeResult decline(String reason) {
        return new Decline(reason);
    }
}
