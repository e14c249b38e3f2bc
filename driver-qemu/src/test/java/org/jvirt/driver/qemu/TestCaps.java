package org.jvirt.driver.qemu;

import java.util.Map;

import org.jvirt.Version;
import org.jvirt.driver.qemu.capabilities.QemuCaps;

/** The capabilities of QEMU 7.2 as observed here (query-machines), for pure tests. */
public final class TestCaps {
    private TestCaps() {
    }

    public static QemuCaps qemu72() {
        return new QemuCaps("/usr/bin/qemu-system-x86_64", new Version(7, 2, 22),
                Map.of("pc", "pc-i440fx-7.2", "pc-i440fx-7.2", "pc-i440fx-7.2", "q35", "pc-q35-7.2",
                        "pc-q35-7.2", "pc-q35-7.2", "pc-i440fx-6.2", "pc-i440fx-6.2"),
                "pc-i440fx-7.2", Map.of("pc-i440fx-7.2", 255, "pc-q35-7.2", 288), true);
    }
}
