package org.jvirt.driver.lxc.linux;

import java.util.Locale;

/** The numbers of the system calls libc has no wrapper for, on the architectures jvirt runs on. */
enum SyscallNumbers {
    X86_64(155, 321),
    AARCH64(41, 280);

    final long pivotRoot;
    final long bpf;

    SyscallNumbers(long pivotRoot, long bpf) {
        this.pivotRoot = pivotRoot;
        this.bpf = bpf;
    }

    /** This JVM's architecture ({@code os.arch}); UnsupportedOperationException for others. */
    static SyscallNumbers current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new UnsupportedOperationException("no system call numbers for architecture " + arch);
        };
    }
}
