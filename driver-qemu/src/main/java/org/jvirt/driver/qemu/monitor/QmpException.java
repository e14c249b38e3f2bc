package org.jvirt.driver.qemu.monitor;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** QEMU answered a command with {@code {"error": {"class": C, "desc": D}}}. */
public final class QmpException extends VirtException {
    private static final long serialVersionUID = 1L;

    private final String errorClass;

    public QmpException(String command, String errorClass, String desc) {
        super(ErrorCode.OPERATION_FAILED, ErrorDomain.QEMU,
                "QEMU refused '" + command + "': " + desc + " (" + errorClass + ")");
        this.errorClass = errorClass;
    }

    /** QEMU's error class, e.g. {@code GenericError}, {@code DeviceNotFound}. */
    public String errorClass() {
        return errorClass;
    }
}
