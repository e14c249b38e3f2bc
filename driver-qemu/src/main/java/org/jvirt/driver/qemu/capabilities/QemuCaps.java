package org.jvirt.driver.qemu.capabilities;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jvirt.Version;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * What one QEMU binary offers, probed once (see {@link CapabilitiesProbe}).
 *
 * @param binary         the emulator path
 * @param version        {@code query-version}
 * @param machines       every machine type name, each mapped to itself; aliases ({@code pc},
 *                       {@code q35}) mapped to their canonical type ({@code pc-i440fx-7.2})
 * @param defaultMachine the canonical type QEMU uses without {@code -machine}
 * @param maxCpus        {@code cpu-max} of each canonical machine type
 * @param kvm            whether {@code -accel kvm} works on this host
 */
public record QemuCaps(String binary, Version version, Map<String, String> machines, String defaultMachine,
                       Map<String, Integer> maxCpus, boolean kvm) {
    public QemuCaps {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(version, "version");
        machines = Map.copyOf(machines);
        Objects.requireNonNull(defaultMachine, "defaultMachine");
        maxCpus = Map.copyOf(maxCpus);
    }

    /** The canonical machine type of {@code requested} ({@code pc} gives {@code pc-i440fx-7.2}). */
    public String canonicalMachine(String requested) {
        String c = machines.get(requested);
        if (c == null) {
            List<String> names = new TreeMap<>(machines).keySet().stream().toList();
            throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "os type machine: '%s' is not a machine type of %s %s (it has %s)", requested, binary, version,
                    String.join(", ", names));
        }
        return c;
    }

    /** The most vCPUs machine {@code canonical} takes (255 when unknown). */
    public int maxCpus(String canonical) {
        return maxCpus.getOrDefault(canonical, 255);
    }
}
