package org.jvirt.linux.cgroup;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * CFS bandwidth: {@code quotaUs} microseconds of CPU time per {@code periodUs}; a negative
 * quota ({@link #UNLIMITED}) means no limit. v1: {@code cpu.cfs_period_us}/{@code cpu.cfs_quota_us};
 * v2: {@code cpu.max} "QUOTA PERIOD" or "max PERIOD". Ranges are the kernel's: period
 * 1000..1000000, quota at least 1000.
 */
public record CpuBandwidth(long periodUs, long quotaUs) {
    public static final long UNLIMITED = -1;
    public static final long DEFAULT_PERIOD = 100_000;
    public static final long MIN_PERIOD = 1000;
    public static final long MAX_PERIOD = 1_000_000;
    public static final long MIN_QUOTA = 1000;
    /** The kernel's limit for a quota, 2^64/1000 microseconds rounded down, kept below Long.MAX. */
    public static final long MAX_QUOTA = 17_592_186_044_415L;

    public CpuBandwidth {
        if (periodUs < MIN_PERIOD || periodUs > MAX_PERIOD) {
            throw VirtException.of(ErrorCode.TUNABLE_RANGE, ErrorDomain.CGROUP,
                    "cgroup: CFS period %d us is out of range %d..%d", periodUs, MIN_PERIOD, MAX_PERIOD);
        }
        if (quotaUs < 0) {
            quotaUs = UNLIMITED;
        } else if (quotaUs < MIN_QUOTA || quotaUs > MAX_QUOTA) {
            throw VirtException.of(ErrorCode.TUNABLE_RANGE, ErrorDomain.CGROUP,
                    "cgroup: CFS quota %d us is out of range %d..%d (or negative for unlimited)",
                    quotaUs, MIN_QUOTA, MAX_QUOTA);
        }
    }

    public static CpuBandwidth unlimited(long periodUs) {
        return new CpuBandwidth(periodUs, UNLIMITED);
    }

    public boolean isUnlimited() {
        return quotaUs == UNLIMITED;
    }
}
