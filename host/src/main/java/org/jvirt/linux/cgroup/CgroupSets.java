package org.jvirt.linux.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** Value checks and parsing shared by both backends. */
final class CgroupSets {
    private CgroupSets() {
    }

    static CpuSet parse(Path file) {
        String text = CgroupFiles.read(file);
        try {
            return CpuSet.parseAllowingEmpty(text, file.toString(), Integer.MAX_VALUE);
        } catch (VirtException e) {
            throw CgroupFiles.error("cgroup: " + file + " holds '" + text + "', not a CPU list", e);
        }
    }

    static long parseMax(String v, Path file) {
        if (v.equals("max")) {
            return CgroupBackend.UNLIMITED;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw CgroupFiles.error("cgroup: " + file + " holds '" + v + "', not a number or max", e);
        }
    }

    static void checkShares(long shares) {
        if (shares < CpuWeight.MIN_SHARES || shares > CpuWeight.MAX_SHARES) {
            throw VirtException.of(ErrorCode.TUNABLE_RANGE, ErrorDomain.CGROUP,
                    "cgroup: CPU shares %d out of range %d..%d", shares, CpuWeight.MIN_SHARES, CpuWeight.MAX_SHARES);
        }
    }

    static void checkBytes(MemoryLimit limit, long bytes) {
        if (bytes < 0) {
            throw VirtException.of(ErrorCode.TUNABLE_RANGE, ErrorDomain.CGROUP,
                    "cgroup: memory limit %s of %d bytes is negative (use UNLIMITED for no limit)", limit, bytes);
        }
    }

    static void checkPids(long max) {
        if (max < 0) {
            throw VirtException.of(ErrorCode.TUNABLE_RANGE, ErrorDomain.CGROUP,
                    "cgroup: pids.max %d is negative (use UNLIMITED for no limit)", max);
        }
    }

    static void checkDeviceRules(List<String> rules) {
        for (String rule : rules) {
            if (rule == null || !DeviceRule.PATTERN.matcher(rule).matches()) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.CGROUP,
                        "cgroup: invalid device rule '%s': expected TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 rwm'"
                                + " (type a, b or c; major/minor a number or *; access of r, w, m)", rule);
            }
        }
    }

    /** rmdir children before parents. */
    static void removeTree(Path dir) {
        for (Path child : CgroupFiles.children(dir)) {
            removeTree(child);
        }
        CgroupFiles.rmdir(dir);
    }

    /** Compiled when a device rule is first checked, not with the first cgroup a one-shot command makes. */
    private static final class DeviceRule {
        static final Pattern PATTERN = Pattern.compile("[abc] (\\d+|\\*):(\\d+|\\*) [rwm]{1,3}");
    }
}
