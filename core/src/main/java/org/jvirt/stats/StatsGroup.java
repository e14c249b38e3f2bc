package org.jvirt.stats;

/** The groups of {@code virsh domstats} jvirt reports, with libvirt's bit of each. */
public enum StatsGroup {
    /** {@code state.state}, {@code state.reason}. */
    STATE(1),
    /** {@code cpu.time}, {@code cpu.user}, {@code cpu.system} (nanoseconds). */
    CPU_TOTAL(2),
    /** {@code balloon.current}, {@code balloon.maximum} (KiB) and what the driver knows more. */
    BALLOON(4),
    /** {@code vcpu.current}, {@code vcpu.maximum}, {@code vcpu.N.state|time|wait|delay}. */
    VCPU(8);

    private final int bit;

    StatsGroup(int bit) {
        this.bit = bit;
    }

    /** libvirt's {@code VIR_DOMAIN_STATS_*} bit. */
    public int bit() {
        return bit;
    }
}
