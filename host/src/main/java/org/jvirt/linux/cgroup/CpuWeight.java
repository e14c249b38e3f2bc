package org.jvirt.linux.cgroup;

/**
 * Conversion between v1 {@code cpu.shares} (2..262144, default 1024) and v2 {@code cpu.weight}
 * (1..10000, default 100). libvirt 9.0 writes shares unconverted into cpu.weight; jvirt maps
 * the ranges linearly onto each other as the kernel documentation and systemd do:
 * {@code weight = 1 + ((shares - 2) * 9999) / 262142}.
 */
public final class CpuWeight {
    public static final long MIN_SHARES = 2;
    public static final long MAX_SHARES = 262_144;
    public static final long MIN_WEIGHT = 1;
    public static final long MAX_WEIGHT = 10_000;

    private CpuWeight() {
    }

    /** shares (clamped to 2..262144) to a weight 1..10000. */
    public static long fromShares(long shares) {
        long s = Math.max(MIN_SHARES, Math.min(MAX_SHARES, shares));
        return 1 + ((s - 2) * 9999) / 262_142;
    }

    /** weight (clamped to 1..10000) back to shares, rounded to the nearest. */
    public static long toShares(long weight) {
        long w = Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, weight));
        return 2 + ((w - 1) * 262_142 + 9999 / 2) / 9999;
    }
}
