package org.jvirt.driver.qemu.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A guest that answers the ACPI power button, so that reboot and shutdown can be watched on a
 * real QEMU without an operating system: a 512-byte boot sector (real mode, i440fx/PIIX4) that
 * writes {@code B} to the first serial port at each boot, finds the ACPI PM I/O base in PCI
 * config register 0x40 of 00:01.3, enables the power button event, and, once QEMU's
 * {@code system_powerdown} sets its status bit (polled at each timer tick, between {@code hlt}s),
 * powers off (SLP_EN, type 0: QEMU's guest SHUTDOWN). Its serial output is a boot count.
 */
final class PowerButtonGuest {
    private static final String CODE = String.join("",
            "fa",             // cli
            "baf803", "b042", "ee", // mov dx,0x3f8; mov al,'B'; out dx,al
            "66b8400b0080",   // mov eax,0x80000b40 (PCI 00:01.3, register 0x40: PMBA)
            "baf80c", "66ef", // mov dx,0xcf8; out dx,eax
            "bafc0c", "66ed", // mov dx,0xcfc; in eax,dx
            "25c0ff", "89c3", // and ax,0xffc0; mov bx,ax
            "8d5702", "b80001", "ef", // lea dx,[bx+2]; mov ax,0x100; out dx,ax (PM1a_EN: power button)
            "fb", "f4",       // wait: sti; hlt
            "89da", "ed",     // mov dx,bx; in ax,dx (PM1a_STS)
            "f6c401", "74f6", // test ah,1; jz wait
            "fa", "8d5704", "b80020", "ef", // cli; lea dx,[bx+4]; mov ax,0x2000; out dx,ax (PM1a_CNT: SLP_EN)
            "f4", "ebfd");    // halt: hlt; jmp halt

    final Path disk;
    final Path serial;

    /** Writes the boot disk into {@code dir}; the serial output goes next to it. */
    PowerButtonGuest(Path dir) throws IOException {
        byte[] sector = new byte[512];
        byte[] code = HexFormat.of().parseHex(CODE);
        System.arraycopy(code, 0, sector, 0, code.length);
        sector[510] = 0x55;
        sector[511] = (byte) 0xaa;
        disk = Files.write(dir.resolve("power-button.img"), sector);
        serial = dir.resolve("serial.log");
    }

    /** The domain's XML: one vCPU, the boot disk, the serial port to {@link #serial}. */
    String xml(String name, String type) {
        return QemuTestEnv.domainXml(name, type, "<vcpu>1</vcpu>", "<devices><disk type='file' device='disk'>"
                + "<driver name='qemu' type='raw'/><source file='" + disk + "'/><target dev='hda' bus='ide'/></disk>"
                + "<serial type='file'><source path='" + serial + "'/></serial></devices>");
    }

    /** How many times the guest has booted (its serial output so far). */
    int boots() throws IOException {
        return Files.exists(serial) ? Files.readString(serial, StandardCharsets.US_ASCII).length() : 0;
    }

    /** Waits until the guest has booted {@code n} times (not more: a boot count past it fails at once). */
    void awaitBoots(int n) throws IOException {
        long end = System.nanoTime() + 60_000_000_000L;
        int seen = boots();
        while (seen < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the guest booted " + seen + " times in 60 s, not " + n);
            }
            QemuTestEnv.sleep(20);
            seen = boots();
        }
        if (seen > n) {
            throw new AssertionError("the guest booted " + seen + " times, not " + n);
        }
    }
}
