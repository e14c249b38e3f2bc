package org.jvirt;

import java.util.EnumSet;
import java.util.Set;

/** What {@link Domain#xml} gives (virsh {@code dumpxml}'s flags; libvirt's bits in the wire protocol). */
public enum XmlFlag {
    /** Include secrets, such as a graphics password (virsh {@code --security-info}); needs a read-write connection. */
    SECURE,
    /** The persistent definition even while the domain runs (virsh {@code --inactive}). */
    INACTIVE,
    /**
     * Expand a {@code host-model} guest CPU to the host's CPU (virsh {@code --update-cpu}); a
     * driver that knows no host CPU model refuses it for such a definition.
     */
    UPDATE_CPU,
    /**
     * XML another host can start the domain from (virsh {@code --migratable}); jvirt's XML holds
     * nothing a destination adds by itself, so it is the same XML.
     */
    MIGRATABLE;

    /** libvirt's {@code virDomainXMLFlags} bit of this flag (1, 2, 4, 8, in this order). */
    public int bit() {
        return 1 << ordinal();
    }

    /** The flags of libvirt's bits {@code bits} (bits it does not know are left out). */
    public static Set<XmlFlag> ofBits(int bits) {
        EnumSet<XmlFlag> set = EnumSet.noneOf(XmlFlag.class);
        for (XmlFlag f : values()) {
            if ((bits & f.bit()) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    /** libvirt's bits of {@code flags}. */
    public static int bits(Set<XmlFlag> flags) {
        return flags.stream().mapToInt(XmlFlag::bit).reduce(0, (a, b) -> a | b);
    }
}
