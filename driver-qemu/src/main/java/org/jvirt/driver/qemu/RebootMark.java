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
 *
 * <p>The note has a phase, because the holder may end at any moment of the reboot: {@link
 * Phase#ASKED} until {@code system_reset} succeeded, then {@link Phase#RESET} until {@code cont}
 * was answered and the note deleted. A process that attaches later tells from the phase and
 * QEMU's status what is left to do (docs/qemu.md#reconnect): a guest powered off with the reboot
 * {@code ASKED} is reset; a QEMU in {@code prelaunch} (reset, not yet continued) goes on; a note
 * in phase {@code RESET} beside a running guest is the rest of a reboot that is done, and beside
 * a powered-off one it is a later power-off of the guest's own, which ends QEMU.
 */
final class RebootMark {
    /** How far the reboot of the QEMU a note names got. */
    enum Phase {
        /** No reboot of this QEMU (no note, another QEMU's note, or an unreadable one). */
        NONE,
        /** Asked for: {@code system_powerdown} sent, or about to be. */
        ASKED,
        /** {@code system_reset} done: only the {@code cont} may be missing. */
        RESET
    }

    private static final String RESET_WORD = "reset";

    private final StateFiles files;

    RebootMark(StateFiles files) {
        this.files = files;
    }

    /** Marks a reboot of {@code rt}'s QEMU as asked for (before the powerdown is sent). */
    void ask(QemuRuntime rt) {
        write(rt, "");
    }

    /** Notes that the reboot's {@code system_reset} succeeded. */
    void resetDone(QemuRuntime rt) {
        write(rt, " " + RESET_WORD);
    }

    /** The reboot is done, or a shutdown asked for after it: the guest's next power-off ends QEMU. */
    void cancel(QemuRuntime rt) {
        StateFiles.delete(file(rt.name));
    }

    /** How far the reboot of {@code rt}'s QEMU got (another QEMU's note counts as none). */
    Phase phase(QemuRuntime rt) {
        String text;
        try {
            text = Files.readString(file(rt.name), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Phase.NONE;
        } catch (IOException e) {
            return Phase.NONE; // unreadable: no reboot, the guest's power-off ends QEMU as a shutdown would
        }
        String self = rt.pid + " " + rt.startTime;
        if (text.equals(self)) {
            return Phase.ASKED;
        }
        return text.equals(self + " " + RESET_WORD) ? Phase.RESET : Phase.NONE;
    }

    private void write(QemuRuntime rt, String phase) {
        try {
            // atomically: a note torn in a crash would read as another QEMU's, and undo the reboot
            StateFiles.writeAtomically(file(rt.name), rt.pid + " " + rt.startTime + phase + "\n");
        } catch (VirtException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot note the reboot of domain '%s': %s",
                    rt.name, e.getMessage());
        }
    }

    private Path file(String name) {
        return files.rebootMark(name);
    }
}
