package org.jvirt.linux.cgroup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The cgroup names jvirt uses (docs/architecture.md#cgroups-per-host-kind, docs/lxc.md#cgroup, with jvirt's
 * suffixes):
 * <pre>
 * PARTITION/qemu-NAME.jvirt-qemu/           a QEMU domain (the process)
 *     emulator/  vcpuN/  iothreadK/         its per-thread groups
 * PARTITION/lxc-NAME.jvirt-lxc/             a container (every process, no sub-groups)
 * </pre>
 * The partition is {@code machine} unless configured ({@code cgroup_partition}, leading
 * {@code /} optional); as in libvirt, its components after the first get a {@code .partition}
 * suffix ({@code /machine/prod} is {@code machine/prod.partition}).
 *
 * <p><b>Escaping</b> (reversible, so two names never share a group): in a domain name every
 * byte of its UTF-8 form outside {@code [A-Za-z0-9.-]} is written {@code _xx} (two lowercase hex
 * digits), so {@code _} itself becomes {@code _5f} and {@code my vm} becomes {@code my_20vm}.
 * Partition components are escaped the same way and, like libvirt, get a leading {@code _} when
 * they start with {@code .}, {@code _} or {@code cgroup.}. A directory name longer than 255 bytes
 * keeps its first 200 bytes plus {@code ~} and 16 hex digits of its SHA-256.
 */
public final class CgroupLayout {
    public static final String DEFAULT_PARTITION = "machine";
    private static final int MAX_COMPONENT = 255;

    private final Cgroup partition;

    public CgroupLayout() {
        this(DEFAULT_PARTITION);
    }

    /** {@code partition}: e.g. {@code /machine} or {@code machine/prod}. */
    public CgroupLayout(String partition) {
        Cgroup raw = Cgroup.of(partition == null || partition.isBlank() ? DEFAULT_PARTITION : partition);
        Cgroup p = Cgroup.ROOT;
        List<String> parts = raw.components();
        if (parts.isEmpty()) {
            parts = List.of(DEFAULT_PARTITION);
        }
        for (int i = 0; i < parts.size(); i++) {
            String c = escapePartition(parts.get(i));
            p = p.child(i == 0 ? c : c + ".partition");
        }
        this.partition = p;
    }

    public Cgroup partition() {
        return partition;
    }

    /**
     * {@code PARTITION/qemu-NAME.jvirt-qemu}. libvirt puts the domain id in the name too; jvirt's
     * id is allocated after the start (by core), and names are unique on a host anyway.
     */
    public Cgroup qemuDomain(String name) {
        return partition.child(limit("qemu-" + escape(name) + ".jvirt-qemu"));
    }

    public Cgroup emulator(Cgroup domain) {
        return domain.child("emulator");
    }

    public Cgroup vcpu(Cgroup domain, int vcpu) {
        return domain.child("vcpu" + vcpu);
    }

    public Cgroup iothread(Cgroup domain, int iothread) {
        return domain.child("iothread" + iothread);
    }

    /** {@code PARTITION/lxc-NAME.jvirt-lxc}. */
    public Cgroup container(String name) {
        return partition.child(limit("lxc-" + escape(name) + ".jvirt-lxc"));
    }

    /** The reversible escape of a name (see the class comment). */
    public static String escape(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
                b.append((char) c);
            } else {
                b.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return b.toString();
    }

    private static String escapePartition(String component) {
        String e = escape(component);
        if (e.startsWith(".") || e.startsWith("_") || e.startsWith("cgroup.")) {
            e = "_" + e;
        }
        return limit(e);
    }

    private static String limit(String component) {
        byte[] bytes = component.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_COMPONENT) {
            return component;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return component.substring(0, 200) + "~" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
