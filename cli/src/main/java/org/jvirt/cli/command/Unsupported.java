package org.jvirt.cli.command;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * libvirt's unsupported-operation error ({@code this function is not supported by the connection
 * driver: ...}) for an option of a virsh command that asks for something jvirt does not have.
 * The option is always accepted; the error comes when the command runs.
 */
public final class Unsupported {
    private Unsupported() {
    }

    /** @param what the operation, and what to do instead when there is something */
    public static VirtException of(String what) {
        return new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.CLI, ErrorCode.NO_SUPPORT.summary() + ": " + what);
    }
}
