package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/** {@code <rng model><backend model>PATH</backend></rng>}: a random number generator. */
public record Rng(String model, Optional<Backend> backend, Optional<Address> address, Extras extras)
        implements Device {
    public Rng {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "rng";
    }

    /** {@code <backend model='random'>/dev/urandom</backend>}. */
    public record Backend(String model, Optional<String> path, Extras extras) {
        public Backend {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
