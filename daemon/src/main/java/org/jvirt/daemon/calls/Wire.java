package org.jvirt.daemon.calls;

import java.util.BitSet;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.StateInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.protocol.remote.DomainRef;

/** jvirt's values as libvirt's wire values: domain references, CPU maps, flags, state reasons. */
final class Wire {
    /** virDomainModificationImpact. */
    static final int AFFECT_LIVE = 1;
    static final int AFFECT_CONFIG = 2;

    private Wire() {
    }

    static DomainRef ref(Domain d) {
        return new DomainRef(d.name(), d.uuid(), d.id().orElse(-1));
    }

    static Affect affect(int flags) {
        return Affect.of((flags & AFFECT_LIVE) != 0, (flags & AFFECT_CONFIG) != 0);
    }

    /** Flags this call does not know are refused, as libvirt's drivers do. */
    static void checkFlags(int flags, int known, String call) {
        int unknown = flags & ~known;
        if (unknown != 0) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                    "unsupported flags (0x%x) in function %s", unknown, call);
        }
    }

    /** A CPU map of {@code maplen} bytes: bit {@code i % 8} of byte {@code i / 8} is CPU i. */
    static byte[] cpumap(CpuSet cpus, int maplen) {
        byte[] map = new byte[maplen];
        cpus.stream().filter(c -> c < maplen * 8).forEach(c -> map[c / 8] |= (byte) (1 << (c % 8)));
        return map;
    }

    static void cpumap(CpuSet cpus, byte[] into, int offset, int maplen) {
        cpus.stream().filter(c -> c < maplen * 8).forEach(c -> into[offset + c / 8] |= (byte) (1 << (c % 8)));
    }

    static CpuSet cpuset(byte[] map) {
        BitSet bits = BitSet.valueOf(map);
        return CpuSet.fromBits(bits);
    }

    static void checkMaplen(int maplen) {
        if (maplen <= 0 || maplen > org.jvirt.protocol.Limits.MAX_CPUMAP) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                    "maplen must be between 1 and %d, got %d", org.jvirt.protocol.Limits.MAX_CPUMAP, maplen);
        }
    }

    /** libvirt's reason number for a state's reason (each state has its own numbering). */
    static int reason(StateInfo s) {
        return org.jvirt.stats.ReasonNumbers.of(s);
    }
}
