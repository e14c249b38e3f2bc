package org.jvirt.cli.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteUrisTest {
    @Test
    void aTransportOrAHostMakesAUriRemote() {
        assertThat(RemoteUris.isRemote("qemu+ssh://root@host/system")).isTrue();
        assertThat(RemoteUris.isRemote("test+unix:///default")).isTrue();
        assertThat(RemoteUris.isRemote("qemu://host.example/system")).isTrue();
        assertThat(RemoteUris.isRemote("qemu:///system")).isFalse();
        assertThat(RemoteUris.isRemote("test:///default")).isFalse();
        assertThat(RemoteUris.isRemote("lxc:///")).isFalse();
        assertThat(RemoteUris.isRemote("bogus")).isFalse();
    }
}
