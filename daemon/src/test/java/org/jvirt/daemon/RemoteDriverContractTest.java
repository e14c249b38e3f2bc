package org.jvirt.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jvirt.Connection;
import org.jvirt.Jvirt;
import org.jvirt.contract.DriverContractTest;

/**
 * The driver contract suite through jvirt's remote driver to jvirtd's test driver: every error code,
 * event and pinning rule survives the wire (jvirt's own error numbers travel along libvirt's).
 */
class RemoteDriverContractTest extends DriverContractTest {
    private static Path dir;
    private static DaemonHarness daemon;

    @BeforeAll
    static void startDaemon() throws IOException {
        dir = Files.createTempDirectory("jvirtd-contract");
        daemon = DaemonHarness.start(dir);
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        daemon.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            // best effort
        }
    }

    /** Besides what the test driver leaves out: pincheck, which needs the host's threads (docs/remote.md#errors). */
    @Override
    protected java.util.Set<Operation> unsupported() {
        java.util.Set<Operation> out = java.util.EnumSet.copyOf(super.unsupported());
        out.add(Operation.PINCHECK);
        return out;
    }

    @Override
    protected Connection open() {
        return Jvirt.connect(daemon.uri("test:///default"));
    }

    @Override
    protected String domainXml(String name, String vcpu, String extra) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>128</memory>" + vcpu + extra
                + "<os><type>hvm</type></os></domain>";
    }
}
