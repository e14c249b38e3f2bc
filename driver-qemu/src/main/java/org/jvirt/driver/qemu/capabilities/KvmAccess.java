package org.jvirt.driver.qemu.capabilities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Why a {@code <domain type='kvm'>} cannot have KVM here, in words a user can act on: the host
 * has no {@code /dev/kvm}, or this process's user may not open it read-write (a session's user
 * outside group {@code kvm}), or QEMU itself could not use it.
 */
public final class KvmAccess {
    private KvmAccess() {
    }

    /**
     * The reason for the error of a KVM domain whose QEMU {@code binary} reports no usable KVM;
     * {@code devKvm} is {@code /dev/kvm} (below a test root), {@code who} names this process's user.
     */
    public static String whyNot(Path devKvm, String binary, String who) {
        if (!Files.exists(devKvm, LinkOption.NOFOLLOW_LINKS) && !Files.exists(devKvm)) {
            return "domain type 'kvm' needs " + devKvm + ", which this host does not have (no hardware "
                    + "virtualization, or the kvm module is not loaded): use <domain type='qemu'> to run on TCG";
        }
        if (!Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
            return "domain type 'kvm' needs read-write access to " + devKvm + ", which user " + who
                    + " does not have (" + describe(devKvm) + "): add the user to the device's group, "
                    + "or use <domain type='qemu'> to run on TCG";
        }
        return "domain type 'kvm' needs KVM, which " + binary + " cannot use on this host although " + devKvm
                + " is open to user " + who + " (use type='qemu' for TCG)";
    }

    private static String describe(Path dev) {
        try {
            PosixFileAttributes a = Files.readAttributes(dev, PosixFileAttributes.class);
            return dev + " is " + PosixFilePermissions.toString(a.permissions()) + " " + a.owner().getName() + ":"
                    + a.group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "not readable and writable by it";
        }
    }
}
