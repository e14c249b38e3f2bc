package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class MemoryUnitTest {

    @Test
    void everyUnitConvertsToKiB() {
        assertThat(MemoryUnit.toKiB("2048", "b", "memory")).isEqualTo(2);
        assertThat(MemoryUnit.toKiB("2049", "bytes", "memory")).isEqualTo(3);
        assertThat(MemoryUnit.toKiB("1024", "KB", "memory")).isEqualTo(1000);
        assertThat(MemoryUnit.toKiB("5", "k", "memory")).isEqualTo(5);
        assertThat(MemoryUnit.toKiB("5", "KiB", "memory")).isEqualTo(5);
        assertThat(MemoryUnit.toKiB("5", null, "memory")).isEqualTo(5);
        assertThat(MemoryUnit.toKiB("1", "MB", "memory")).isEqualTo(977);
        assertThat(MemoryUnit.toKiB("1", "M", "memory")).isEqualTo(1024);
        assertThat(MemoryUnit.toKiB("1", "MiB", "memory")).isEqualTo(1024);
        assertThat(MemoryUnit.toKiB("1", "GB", "memory")).isEqualTo(976563);
        assertThat(MemoryUnit.toKiB("1", "G", "memory")).isEqualTo(1048576);
        assertThat(MemoryUnit.toKiB("1", "GiB", "memory")).isEqualTo(1048576);
        assertThat(MemoryUnit.toKiB("1", "TB", "memory")).isEqualTo(976562500);
        assertThat(MemoryUnit.toKiB("1", "T", "memory")).isEqualTo(1L << 30);
        assertThat(MemoryUnit.toKiB("1", "TiB", "memory")).isEqualTo(1L << 30);
        assertThat(MemoryUnit.toKiB("1", "PB", "memory")).isEqualTo(976562500000L);
        assertThat(MemoryUnit.toKiB("1", "P", "memory")).isEqualTo(1L << 40);
        assertThat(MemoryUnit.toKiB("1", "PiB", "memory")).isEqualTo(1L << 40);
        assertThat(MemoryUnit.toKiB("1", "EB", "memory")).isEqualTo(976562500000000L);
        assertThat(MemoryUnit.toKiB("1", "E", "memory")).isEqualTo(1L << 50);
        assertThat(MemoryUnit.toKiB("1", "EiB", "memory")).isEqualTo(1L << 50);
    }

    @Test
    void theLargestByteCountFitsAndOneMoreDoesNot() {
        assertThat(MemoryUnit.toKiB(Long.toString(Long.MAX_VALUE), "b", "memory"))
                .isEqualTo(Long.MAX_VALUE / 1024 + 1);
        VirtException e = catchThrowableOfType(VirtException.class,
                () -> MemoryUnit.toKiB("9223372036854775808", "b", "memory"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MEMORY);
        assertThat(e.getMessage()).startsWith("memory: ").contains("too large");
        assertThat(catchThrowableOfType(VirtException.class, () -> MemoryUnit.toKiB("8", "EiB", "hard_limit"))
                .getMessage()).startsWith("hard_limit: ");
        assertThat(catchThrowableOfType(VirtException.class,
                () -> MemoryUnit.toKiB("9".repeat(100000), "KiB", "memory")).code()).isEqualTo(ErrorCode.INVALID_MEMORY);
    }

    @Test
    void badInputIsAnInvalidMemoryError() {
        for (String[] bad : new String[][] {{"-1", "KiB"}, {"", "KiB"}, {"1.5", "GiB"}, {"1 ", "KiB"}, {"-0", "KiB"},
                {"1", "KIBI"},
                {"1", "x"}, {"0x10", "KiB"}, {"1", ""}}) {
            VirtException e = catchThrowableOfType(VirtException.class, () -> MemoryUnit.toKiB(bad[0], bad[1], "memory"));
            assertThat(e).as(bad[0] + " " + bad[1]).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MEMORY);
            assertThat(e.getMessage()).startsWith("memory: ");
        }
    }

    @Test
    void sizesAreReadAsLibvirtReadsThem() {
        // libvirt 9.0 defines <memory> 1024</memory> and <memory>+1024</memory>
        assertThat(MemoryUnit.toKiB(" 1024", null, "memory")).isEqualTo(1024);
        assertThat(MemoryUnit.toKiB("+1024", "KiB", "memory")).isEqualTo(1024);
        assertThat(MemoryUnit.toKiB("0001", "MiB", "memory")).isEqualTo(1024);
    }

    @Test
    void unitsIgnoreCaseAsInLibvirt() {
        assertThat(MemoryUnit.fromXml("kib")).isEqualTo(MemoryUnit.KIB);
        assertThat(MemoryUnit.fromXml("mb")).isEqualTo(MemoryUnit.MB);
        assertThat(MemoryUnit.fromXml("Bytes")).isEqualTo(MemoryUnit.BYTES);
        assertThat(MemoryUnit.fromXml("parsec")).isNull();
    }
}
