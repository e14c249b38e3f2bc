package org.jvirt.stats;

import java.util.OptionalLong;

/**
 * The balloon group of {@code virsh domstats}, in KiB: the guest's current and maximum memory,
 * and the resident memory of its process where the driver knows it ({@code VmRSS}).
 */
public record BalloonStats(long currentKiB, long maximumKiB, OptionalLong rssKiB) {
}
