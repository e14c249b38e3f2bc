package org.jvirt.driver.qemu.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jvirt.model.Disk;
import org.jvirt.model.DiskSource;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NetInterface;

/**
 * The devices cgroup allow-list of a QEMU domain (docs/qemu.md#qemuconf, {@code cgroup_device_acl}):
 * everything is denied except, read-write, the nodes of the qemu.conf list, every pseudo
 * terminal (QEMU opens the slave of a pty console), the block devices the domain's disks name
 * (read-only for read-only disks and CD-ROMs), and {@code /dev/net/tun} when an interface makes
 * QEMU open a tap device. A listed path that is missing or not a device node is left out, as
 * libvirt does; disk images in files need no rule.
 */
public final class DeviceAcl {
    static final String PTYS = "c 136:* rw";
    static final Path TUN = Path.of("/dev/net/tun");

    private DeviceAcl() {
    }

    public static List<String> rules(List<Path> aclPaths, DomainDef def, DeviceNodes nodes) {
        Set<String> rules = new LinkedHashSet<>();
        for (Path p : aclPaths) {
            nodes.stat(p).ifPresent(n -> rules.add(rule(n, "rw")));
        }
        rules.add(PTYS);
        for (Disk d : def.devices().of(Disk.class)) {
            if (d.source().orElse(null) instanceof DiskSource.Block b && b.dev().isPresent()) {
                String access = d.readonly() || d.device().equals("cdrom") ? "r" : "rw";
                nodes.stat(Path.of(b.dev().get())).ifPresent(n -> rules.add(rule(n, access)));
            }
        }
        boolean tap = def.devices().of(NetInterface.class).stream()
                .anyMatch(n -> n.type().equals("ethernet") || n.type().equals("bridge"));
        if (tap) {
            nodes.stat(TUN).ifPresent(n -> rules.add(rule(n, "rw")));
        }
        return new ArrayList<>(rules);
    }

    private static String rule(DeviceNodes.Node n, String access) {
        return n.type() + " " + n.major() + ":" + n.minor() + " " + access;
    }
}
