package org.jvirt.driver.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.jvirt.model.CpuSet;

/** libvirt's CPU bitmaps: byte i, bit j (least significant first) is CPU 8i + j. */
final class CpuMaps {
    private CpuMaps() {
    }

    /** Bytes a map of {@code cpus} CPUs takes. */
    static int length(int cpus) {
        return Math.max(1, (cpus + 7) / 8);
    }

    static byte[] of(CpuSet set, int maplen) {
        byte[] bits = set.bits().toByteArray();
        int len = Math.max(maplen, bits.length);
        return Arrays.copyOf(bits, len);
    }

    static CpuSet read(byte[] map, int offset, int maplen) {
        int end = Math.min(map.length, offset + maplen);
        if (offset >= end) {
            return CpuSet.EMPTY;
        }
        return CpuSet.fromBits(BitSet.valueOf(Arrays.copyOfRange(map, offset, end)));
    }

    /** {@code count} maps of {@code maplen} bytes each, one after the other. */
    static List<CpuSet> split(byte[] maps, int count, int maplen) {
        List<CpuSet> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(read(maps, i * maplen, maplen));
        }
        return out;
    }
}
