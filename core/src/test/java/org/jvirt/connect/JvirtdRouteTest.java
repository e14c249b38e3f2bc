package org.jvirt.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.spi.ConnectUri;

/** Which URIs go through jvirtd: those of jvirtd_uris, never a session's. */
class JvirtdRouteTest {
    private static final JvirtdRoute ALWAYS = new JvirtdRoute(JvirtdRoute.Mode.ALWAYS,
            List.of("qemu:///system", "qemu:///session", "lxc:///system"), Path.of("/run/jvirt/jvirtd-sock"),
            Path.of("/run/jvirt/jvirtd-sock-ro"));

    @Test
    void aListedSystemUriGoesThroughJvirtd() {
        assertThat(ALWAYS.route(ConnectUri.parse("qemu:///system"), ConnectOptions.DEFAULT, true))
                .map(ConnectUri::text).contains("qemu+unix:///system?socket=/run/jvirt/jvirtd-sock");
    }

    @Test
    void aSessionUriNeverDoesEvenWhenListed() {
        assertThat(ALWAYS.route(ConnectUri.parse("qemu:///session"), ConnectOptions.DEFAULT, true)).isEmpty();
        assertThat(ALWAYS.route(ConnectUri.parse("qemu:///session"), ConnectOptions.READ_ONLY, true)).isEmpty();
    }
}
