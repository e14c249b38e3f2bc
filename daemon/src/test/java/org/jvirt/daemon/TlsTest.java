package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.Jvirt;
import org.jvirt.error.VirtException;

/**
 * jvirtd's TLS listener with client certificates from a CA the test makes (openssl): virsh and
 * jvirt's remote driver connect with libvirt's pkipath layout; a certificate outside the DN
 * allow-list is refused. Needs openssl and virsh.
 */
class TlsTest {
    @TempDir
    static Path pki;

    @BeforeAll
    static void makeCa() throws Exception {
        Tools.require(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl", "apt-get install openssl");
        sh("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/O=jvirt tests/CN=jvirtd test CA' "
                + "-keyout cakey.pem -out cacert.pem");
        sh("openssl req -newkey rsa:2048 -nodes -subj '/O=jvirt tests/CN=localhost' -keyout serverkey.pem -out s.csr");
        sh("printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > s.ext");
        sh("openssl x509 -req -in s.csr -CA cacert.pem -CAkey cakey.pem -CAcreateserial -days 2 -extfile s.ext "
                + "-out servercert.pem");
        sh("openssl req -newkey rsa:2048 -nodes -subj '/O=jvirt tests/CN=jvirt-client' -keyout clientkey.pem -out c.csr");
        sh("printf 'extendedKeyUsage=clientAuth\\n' > c.ext");
        sh("openssl x509 -req -in c.csr -CA cacert.pem -CAkey cakey.pem -CAcreateserial -days 2 -extfile c.ext "
                + "-out clientcert.pem");
    }

    private static void sh(String cmd) throws Exception {
        Tools.Result r = Tools.run(List.of("sh", "-c", "cd '" + pki + "' && " + cmd), "", Map.of(), 60);
        assertThat(r.status()).as(cmd + ": " + r.err()).isZero();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private DaemonHarness daemon(Path dir, int port, String extra) throws Exception {
        return new DaemonHarness(dir, "listen_tls = 1\ntls_port = " + port + "\nca_file = \"" + pki.resolve("cacert.pem")
                + "\"\ncert_file = \"" + pki.resolve("servercert.pem") + "\"\nkey_file = \""
                + pki.resolve("serverkey.pem") + "\"\n" + extra);
    }

    @Test
    void virshAndJvirtConnectWithClientCertificates(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (DaemonHarness d = daemon(dir, port, "tls_allowed_dn_list = [ \"CN=jvirt-client,O=jvirt tests\" ]\n")) {
            String uri = "test+tls://127.0.0.1:" + port + "/default?pkipath=" + pki;
            Tools.Result r = Tools.run(List.of(Tools.virsh().toString(), "-c", uri, "list"), "", Map.of(), 60);
            assertThat(r.out()).as(r.err()).contains(" 1    test   running");
            try (Connection c = Jvirt.connect(uri)) {
                assertThat(c.lookupByName("test").isActive()).isTrue();
            }
            assertThat(d.server.sessions()).allSatisfy(s -> assertThat(s.identity().subject())
                    .hasValue("CN=jvirt-client,O=jvirt tests"));
        }
    }

    @Test
    void aCertificateOutsideTheAllowListIsRefused(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (DaemonHarness d = daemon(dir, port, "tls_allowed_dn_list = [ \"CN=admin*\" ]\n")) {
            String uri = "test+tls://127.0.0.1:" + port + "/default?pkipath=" + pki;
            Tools.Result r = Tools.run(List.of(Tools.virsh().toString(), "-c", uri, "list"), "", Map.of(), 60);
            assertThat(r.status()).isNotZero();
            assertThatThrownBy(() -> Jvirt.connect(uri).close()).isInstanceOf(VirtException.class);
            assertThat(d.server.sessions()).isEmpty();
        }
    }
}
