package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * A reboot asked for and not yet done, as a file in the domain's directory
 * ({@code NAME.d/reboot}, naming QEMU by pid and start time): {@code reboot} sends
 * {@code system_powerdown}, and whichever jvirt process holds the monitor when the guest's
 * {@code SHUTDOWN} comes answers it with {@code system_reset} instead of ending QEMU. A file, not
 * memory, because the job may run in a process that does not hold the monitor, and the holder
 * may change (or there be none) before the guest shuts down (docs/qemu.md#reconnect). As
 * libvirt's "fake reboot" flag, it stays until the guest shuts down or a {@code shutdown} cancels it.
 */
final class RebootMark {
    private final StateFiles files;

    RebootMark(StateFiles files) {
        this.files = files;
    }

    /**
     * Marks a reboot of {@code rt}'s QEMU as asked for (before the powerdown is sent). A plain
     * write: a torn one names no QEMU, and so no reboot, the same as none.
     */
    void ask(QemuRuntime rt) {
        Path f = file(rt.name);
        try {
            Files.writeString(f, rt.pid + " " + rt.startTime + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot note the reboot of domain '%s' in "
                    + "%s: %s", rt.name, f, e.getMessage());
        }
    }

    /** A shutdown asked for after a reboot: the guest's power-off ends QEMU. */
    void cancel(QemuRuntime rt) {
        StateFiles.delete(file(rt.name));
    }

    /** Whether a reboot of {@code rt}'s QEMU is asked for (another QEMU's mark does not count). */
    boolean pending(QemuRuntime rt) {
        try {
            return Files.readString(file(rt.name), StandardCharsets.UTF_8).strip()
                    .equals(rt.pid + " " + rt.startTime);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // unreadable: no reboot, the guest's power-off ends QEMU as a shutdown would
        }
    }

    private Path file(String name) {
        return files.rebootMark(name);
    }
}
