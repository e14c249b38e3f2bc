package org.jvirt.host;

import java.util.Locale;

/** Architecture names as Linux ({@code uname -m}) and libvirt spell them. */
public final class HostArch {
    private HostArch() {
    }

    /** Maps a JVM {@code os.arch} value to the Linux name ({@code amd64} is {@code x86_64}). */
    public static String fromJava(String osArch) {
        String a = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "i686";
            case "arm64", "aarch64" -> "aarch64";
            case "ppc64le", "ppc64", "s390x", "riscv64", "loongarch64", "armv7l" -> a;
            case "arm" -> "armv7l";
            default -> a.isEmpty() ? "unknown" : a;
        };
    }

    /** The word size libvirt gives an architecture in capabilities, 0 when unknown. */
    public static int wordSize(String arch) {
        return switch (arch) {
            case "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "riscv64", "loongarch64", "sparc64",
                    "mips64", "mips64el", "alpha" -> 64;
            case "i686", "armv7l", "armv6l", "ppc", "riscv32", "mips", "mipsel", "s390", "sparc" -> 32;
            default -> 0;
        };
    }
}
