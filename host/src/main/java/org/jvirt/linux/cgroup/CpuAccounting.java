package org.jvirt.linux.cgroup;

import java.nio.file.Path;
import java.util.Arrays;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * CPU time a group's tasks used, from the kernel's accounting: v1 {@code cpuacct.usage},
 * {@code cpuacct.stat} (user and system in USER_HZ ticks) and {@code cpuacct.usage_percpu}; v2
 * {@code cpu.stat} ({@code usage_usec}, {@code user_usec}, {@code system_usec}), which keeps no
 * per-CPU time.
 */
public final class CpuAccounting {
    /** The kernel's USER_HZ: cpuacct.stat counts in 1/100 s on every Linux architecture jvirt runs on. */
    static final long NANOS_PER_USER_TICK = 10_000_000L;

    /** Nanoseconds in total, in user mode and in the kernel. */
    public record Usage(long totalNs, long userNs, long systemNs) {
    }

    private CpuAccounting() {
    }

    public static Usage usage(CgroupBackend b, Cgroup group) {
        if (b.version() == CgroupVersion.V2) {
            Path f = b.controlFile(CgroupController.CPU, group, "cpu.stat");
            String text = CgroupFiles.read(f);
            return new Usage(field(text, "usage_usec", f) * 1000, field(text, "user_usec", f) * 1000,
                    field(text, "system_usec", f) * 1000);
        }
        long total = CgroupFiles.readLong(b.controlFile(CgroupController.CPUACCT, group, "cpuacct.usage"));
        Path f = b.controlFile(CgroupController.CPUACCT, group, "cpuacct.stat");
        String text = CgroupFiles.read(f);
        return new Usage(total, field(text, "user", f) * NANOS_PER_USER_TICK,
                field(text, "system", f) * NANOS_PER_USER_TICK);
    }

    /** Nanoseconds per host CPU, by CPU number (v1 only). */
    public static long[] perCpu(CgroupBackend b, Cgroup group) {
        if (b.version() == CgroupVersion.V2) {
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.CGROUP,
                    "per-CPU usage needs cgroup v1's cpuacct controller: cgroup v2 keeps no CPU time per host CPU");
        }
        Path f = b.controlFile(CgroupController.CPUACCT, group, "cpuacct.usage_percpu");
        String text = CgroupFiles.read(f);
        try {
            return text.isEmpty() ? new long[0]
                    : Arrays.stream(text.split("\\s+")).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw CgroupFiles.error("cgroup: unexpected content in " + f + ": '" + text + "'", e);
        }
    }

    private static long field(String text, String name, Path f) {
        for (String line : text.split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(name)) {
                try {
                    return Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw CgroupFiles.error("cgroup: " + f + " has an invalid " + name + " '" + kv[1] + "'", e);
                }
            }
        }
        throw CgroupFiles.error("cgroup: " + f + " has no " + name + " line", null);
    }
}
