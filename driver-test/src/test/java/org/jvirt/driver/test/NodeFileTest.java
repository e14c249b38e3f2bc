package org.jvirt.driver.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.Jvirt;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** test:///ABS/PATH.xml loads the host and domains of a node file. */
class NodeFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String domain(String name, String body) {
        return "<domain type='kvm'><name>" + name + "</name><memory unit='MiB'>64</memory>" + body
                + "<os><type>hvm</type></os></domain>";
    }

    @Test
    void loadsHostAndGuestsWithTheirStates() throws IOException {
        Path node = write("node8.xml", "<node><host arch='x86_64' mhz='2000' name='simhost'>"
                + "<cell id='0' memory='1048576' sockets='1' cores='8' threads='1'/></host>"
                + "<guest state='running'>" + domain("web", "<vcpu cpuset='2-3'>2</vcpu>") + "</guest>"
                + "<guest state='paused'>" + domain("db", "<vcpu>1</vcpu>") + "</guest>"
                + "<guest state='shutoff'>" + domain("spare", "<vcpu>1</vcpu>") + "</guest>"
                + "<guest state='running' persistent='no'>" + domain("job", "<vcpu>1</vcpu>") + "</guest>"
                + "</node>");
        try (Connection c = Jvirt.connect("test://" + node)) {
            assertThat(c.hostname()).isEqualTo("simhost");
            assertThat(c.nodeInfo().cpus()).isEqualTo(8);
            assertThat(c.hostTopology().cpuMapWidth()).isEqualTo(8);
            assertThat(c.hostTopology().online()).isEqualTo(CpuSet.range(0, 7));
            assertThat(c.lookupByName("web").state().state()).isEqualTo(DomainState.RUNNING);
            assertThat(c.lookupByName("db").state().state()).isEqualTo(DomainState.PAUSED);
            assertThat(c.lookupByName("spare").state().state()).isEqualTo(DomainState.SHUTOFF);
            Domain job = c.lookupByName("job");
            assertThat(job.isPersistent()).isFalse();
            assertThat(job.isActive()).isTrue();
            assertThat(c.lookupByName("web").vcpuPinInfo(Affect.LIVE)).containsOnly(CpuSet.range(2, 3));
        }
    }

    @Test
    void explicitCpusAndACpuMapAreHonoured() throws IOException {
        Path node = write("explicit.xml", "<node><host><cpumap width='4' online='0-2'/>"
                + "<cell id='0' memory='1024'><cpu id='0' socket='0' core='0' siblings='0-1'/>"
                + "<cpu id='1' socket='0' core='0' siblings='0-1'/><cpu id='2' socket='0' core='1' siblings='2-3'/>"
                + "<cpu id='3' socket='0' core='1' siblings='2-3'/></cell></host></node>");
        try (Connection c = Jvirt.connect("test://" + node)) {
            assertThat(c.hostTopology().online()).isEqualTo(CpuSet.range(0, 2));
            assertThat(c.hostTopology().cpus().get(3).siblings()).isEqualTo(CpuSet.range(2, 3));
            assertThat(c.listDomains()).isEmpty();
        }
    }

    @Test
    void brokenNodeFilesAreClearErrors() throws IOException {
        assertNodeError("<node/>", "exactly one <host>");
        assertNodeError("<node><host><cell sockets='0'/></host></node>", "within [1, 64]");
        assertNodeError("<node><host><cell/></host><guest state='sleeping'>" + domain("a", "") + "</guest></node>",
                "must be running, paused or shutoff");
        assertNodeError("<node><host><cell/></host><guest state='shutoff' persistent='no'>" + domain("a", "")
                + "</guest></node>", "transient guest");
        assertNodeError("<node><host><cell/></host><guest/></node>", "exactly one <domain>");
        assertNodeError("<!DOCTYPE node [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><node>&x;</node>", "");
        Path missing = dir.resolve("missing.xml");
        assertThatThrownBy(() -> Jvirt.connect("test://" + missing))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
                    assertThat(e.getMessage()).isEqualTo("cannot read test node file " + missing + ": No such file or directory");
                });
    }

    private void assertNodeError(String text, String fragment) throws IOException {
        Path node = write("bad.xml", text);
        assertThatThrownBy(() -> Jvirt.connect("test://" + node)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains(fragment).doesNotContain("root:x:0:0"));
    }

    @Test
    void unknownSchemesListTheRegisteredDrivers() {
        assertThatThrownBy(() -> Jvirt.connect("xen:///system")).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT);
            assertThat(e.getMessage()).contains("test: it serves only test:///default");
        });
        assertThatThrownBy(() -> Jvirt.connect("test+ssh://host/default")).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.getMessage()).contains("test: it serves only local URIs (a remote one needs jvirt-driver-remote)"));
    }
}
