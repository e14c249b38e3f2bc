package org.jvirt.daemon.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.conf.ConfException;
import org.jvirt.conf.ConfFile;
import org.jvirt.conf.ConfLoader;

class DaemonConfTest {
    private static DaemonConf parse(String text) {
        return DaemonConf.of(ConfFile.parse(text, "jvirtd.conf"));
    }

    @Test
    void theShippedFileGivesLibvirtsDefaults() {
        DaemonConf c = DaemonConf.of(ConfFile.parse(ConfLoader.defaultText("jvirtd.conf").orElseThrow(), "built-in"));
        assertThat(c.uris()).containsExactly("qemu:///system", "lxc:///system", "test:///default");
        assertThat(c.unixSockRw()).isEqualTo(Path.of("/run/jvirt/jvirtd-sock"));
        assertThat(c.unixSockRo()).isEqualTo(Path.of("/run/jvirt/jvirtd-sock-ro"));
        assertThat(c.unixSockRwPerms()).isEqualTo(0700);
        assertThat(c.unixSockRoPerms()).isEqualTo(0777);
        assertThat(c.rwUsers()).isEmpty();
        assertThat(c.roUsers()).containsExactly("*");
        assertThat(c.limits()).isEqualTo(new DaemonConf.Limits(5000, 5, 20, 32 << 20, 16L << 20, 5, 5));
        assertThat(c.tls().listen()).isFalse();
        assertThat(c.tls().port()).isEqualTo(16514);
        assertThat(c.tls().caFile()).isEqualTo(Path.of("/etc/pki/CA/cacert.pem"));
        assertThat(c.listenTcp()).isFalse();
    }

    @Test
    void socketsFollowTheirDirectory() {
        DaemonConf c = parse("unix_sock_dir = \"/tmp/x\"\n");
        assertThat(c.unixSockRw()).isEqualTo(Path.of("/tmp/x/jvirtd-sock"));
        assertThat(c.pidFile()).isEqualTo(Path.of("/tmp/x/jvirtd.pid"));
    }

    @Test
    void plainTcpBeyondLoopbackIsRefused() {
        assertThatThrownBy(() -> parse("listen_tcp = 1\nlisten_addr = \"0.0.0.0\"\n")).isInstanceOf(ConfException.class)
                .hasMessageContaining("listen_tcp = 1 needs a loopback listen_addr");
        assertThat(parse("listen_tcp = 1\n").listenTcp()).isTrue();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> parse("unix_sock_rw_perms = \"rwx\"\n")).hasMessageContaining("unix_sock_rw_perms");
        assertThatThrownBy(() -> parse("max_frame_bytes = 99999999999\n")).hasMessageContaining("max_frame_bytes");
        assertThatThrownBy(() -> parse("max_clients = 0\n")).hasMessageContaining("max_clients must be at least 1");
        assertThatThrownBy(() -> parse("tls_port = 70000\n")).hasMessageContaining("tls_port");
        assertThatThrownBy(() -> parse("max_client = 3\n")).hasMessageContaining("unknown key 'max_client'");
        assertThat(parse("tls_allowed_dn_list = [ \"CN=a*\" ]\n").tls().allowedDns()).isEqualTo(List.of("CN=a*"));
    }
}
