package org.jvirt.linux.cgroup;

/**
 * The memory limits of a group ({@code <memtune>}), with their files. Values are bytes;
 * {@link CgroupBackend#UNLIMITED} removes a limit.
 *
 * <p>SWAP_HARD is libvirt's {@code swap_hard_limit}: on v1 memory plus swap
 * ({@code memory.memsw.limit_in_bytes}); on v2 it is written to {@code memory.swap.max} as
 * given, as libvirt 9.0 does (v2 counts swap alone, so the effective bound there is higher).
 */
public enum MemoryLimit {
    HARD("memory.limit_in_bytes", "memory.max"),
    SOFT("memory.soft_limit_in_bytes", "memory.high"),
    SWAP_HARD("memory.memsw.limit_in_bytes", "memory.swap.max");

    private final String v1File;
    private final String v2File;

    MemoryLimit(String v1File, String v2File) {
        this.v1File = v1File;
        this.v2File = v2File;
    }

    public String v1File() {
        return v1File;
    }

    public String v2File() {
        return v2File;
    }
}
