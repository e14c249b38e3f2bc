package org.jvirt.spi;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/** The NO_SUPPORT error of an SPI call a driver does not implement, worded as libvirt words it. */
public final class NoSupport {
    private NoSupport() {
    }

    public static VirtException call(String what) {
        return VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.CONNECT,
                "this function is not supported by the connection driver: %s", what);
    }
}
