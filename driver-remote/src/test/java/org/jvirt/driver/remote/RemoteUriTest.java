package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.jvirt.spi.Environment;

class RemoteUriTest {
    @Test
    void transportHostPortUserAndTheNameTheServerOpens() {
        RemoteUri u = RemoteUri.parse("qemu+ssh://root@host.example:2200/system?keyfile=/k&no_verify=1&mode=legacy&x=y");
        assertThat(u.transport()).isEqualTo(RemoteUri.Transport.SSH);
        assertThat(u.user()).contains("root");
        assertThat(u.host()).contains("host.example");
        assertThat(u.port()).isEqualTo(2200);
        assertThat(u.param("keyfile")).contains("/k");
        assertThat(u.flag("no_verify")).isTrue();
        assertThat(u.serverName()).isEqualTo("qemu:///system?x=y");
    }

    @Test
    void defaultsPerTransport() {
        assertThat(RemoteUri.parse("qemu+tcp://h/system").port()).isEqualTo(16509);
        assertThat(RemoteUri.parse("qemu+tls://h/system").port()).isEqualTo(16514);
        assertThat(RemoteUri.parse("qemu://h/system").transport()).isEqualTo(RemoteUri.Transport.TLS);
        assertThat(RemoteUri.parse("xen+ssh://h/").serverName()).isEqualTo("xen:///");
        assertThat(RemoteUri.parse("test+unix:///default?socket=/s").serverName()).isEqualTo("test:///default");
        assertThat(RemoteUri.parse("qemu+unix:///system?name=qemu:///session").serverName()).isEqualTo("qemu:///session");
    }

    @Test
    void theDefaultSocketFollowsModeAndPath() {
        RemoteSettings s = RemoteSettings.defaults(Environment.of(Map.of()));
        assertThat(RemoteConnection.defaultSocket(RemoteUri.parse("qemu+unix:///system"), s, false))
                .isEqualTo(Path.of("/var/run/libvirt/libvirt-sock"));
        assertThat(RemoteConnection.defaultSocket(RemoteUri.parse("qemu+unix:///system"), s, true))
                .isEqualTo(Path.of("/var/run/libvirt/libvirt-sock-ro"));
    }

    @Test
    void theSshCommandPerProxy() {
        String sock = "/var/run/libvirt/libvirt-sock";
        assertThat(org.jvirt.driver.remote.transport.SshTransportCommands.of(
                RemoteUri.parse("qemu+ssh://h/system?proxy=native"), false, sock))
                .isEqualTo("virt-ssh-helper 'qemu:///system'");
        assertThat(org.jvirt.driver.remote.transport.SshTransportCommands.of(
                RemoteUri.parse("qemu+ssh://h/system?proxy=netcat&netcat=/bin/nc&socket=/s"), false, sock))
                .isEqualTo("'/bin/nc' -U '/s'");
        assertThat(org.jvirt.driver.remote.transport.SshTransportCommands.of(RemoteUri.parse("qemu+ssh://h/system"), true, sock))
                .startsWith("sh -c 'if command -v virt-ssh-helper").contains("virt-ssh-helper -r");
    }

    @Test
    void badUrisSayWhatIsWrong() {
        assertThatThrownBy(() -> RemoteUri.parse("qemu+carrier://h/system"))
                .hasMessage("remote URI 'qemu+carrier://h/system': transport 'carrier' is not one of unix, tcp, tls, ssh");
        assertThatThrownBy(() -> RemoteUri.parse("qemu+unix://h/system")).hasMessageContaining("reaches only this host");
        assertThatThrownBy(() -> RemoteUri.parse("qemu+tcp:///system")).hasMessageContaining("the tcp transport needs a host");
    }
}
