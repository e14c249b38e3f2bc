package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <filesystem type accessmode>}: a host directory shared with the guest (for containers,
 * {@code target dir='/'} is the root file system).
 */
public record Filesystem(String type, Optional<String> accessmode, Optional<String> sourceDir, String targetDir,
                         boolean readonly, Optional<Address> address, Extras extras) implements Device {
    public Filesystem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accessmode, "accessmode");
        Objects.requireNonNull(sourceDir, "sourceDir");
        Objects.requireNonNull(targetDir, "targetDir");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "filesystem";
    }
}
