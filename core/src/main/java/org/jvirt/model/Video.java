package org.jvirt.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** {@code <video><model type ram vram heads primary/></video>}. */
public record Video(Optional<Model> model, Optional<Address> address, Extras extras) implements Device {
    public Video {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String elementName() {
        return "video";
    }

    /** {@code <model type ram vram heads primary/>}; sizes in KiB. */
    public record Model(String type, OptionalLong ram, OptionalLong vram, OptionalInt heads,
                        Optional<Boolean> primary, Extras extras) {
        public Model {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(ram, "ram");
            Objects.requireNonNull(vram, "vram");
            Objects.requireNonNull(heads, "heads");
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(extras, "extras");
        }
    }
}
