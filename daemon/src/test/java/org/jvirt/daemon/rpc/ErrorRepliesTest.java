package org.jvirt.daemon.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.protocol.remote.OwnErrorCodes;
import org.jvirt.protocol.remote.RemoteError;

class ErrorRepliesTest {
    @Test
    void codesLibvirtHasTravelAsThemselves() {
        RemoteError e = ErrorReplies.of(VirtException.of(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "no domain 'x'"));
        assertThat(e.code()).isEqualTo(42);
        assertThat(e.domain()).isEqualTo(12);
        assertThat(e.message()).hasValue("no domain 'x'");
        assertThat(OwnErrorCodes.of(e)).isEmpty();
    }

    @Test
    void jvirtsOwnCodesTravelWithLibvirtsNearestOne() {
        RemoteError e = ErrorReplies.of(VirtException.of(ErrorCode.NOT_RUNNING, ErrorDomain.QEMU, "not running"));
        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID.number());
        assertThat(OwnErrorCodes.of(e)).hasValue(ErrorCode.NOT_RUNNING.number());
        assertThat(ErrorReplies.of(VirtException.of(ErrorCode.VCPU_COUNT, ErrorDomain.PINNING, "x")).code())
                .isEqualTo(ErrorCode.INVALID_ARG.number());
        assertThat(ErrorReplies.of(VirtException.of(ErrorCode.XML_INVALID, ErrorDomain.XML, "x")).code())
                .isEqualTo(ErrorCode.XML_ERROR.number());
    }

    @Test
    void everyOwnCodeMapsToALibvirtNumber() {
        for (ErrorCode c : ErrorCode.values()) {
            int n = ErrorReplies.libvirtCode(c);
            assertThat(n).as(c.name()).isBetween(1, 999);
        }
    }
}
