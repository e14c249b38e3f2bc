package org.jvirt;

import java.util.OptionalInt;

/**
 * The four counts of {@code virsh vcpucount}; the live ones are empty when the domain is not
 * running, the config ones when it has no persistent definition.
 */
public record VcpuCount(OptionalInt maximumConfig, OptionalInt maximumLive, OptionalInt currentConfig,
                        OptionalInt currentLive) {
}
