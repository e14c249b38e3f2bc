package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.model.CpuSet;

/**
 * python3-libvirt (Debian's) against jvirtd's test driver: what it reads back equals what the
 * jvirt API says directly for the same steps, and it hears every event. Needs python3-libvirt:
 * skipped without it, failed without it under CI=true.
 */
class PythonThroughJvirtdTest {
    @TempDir
    Path dir;

    @Test
    void lifecyclePinningAndEventsMatchTheApi() throws Exception {
        Tools.requirePythonLibvirt();
        Path script = Path.of(getClass().getResource("/python/scenario.py").toURI());
        Path xml = Path.of(getClass().getResource("/scenarios/web.xml").toURI());
        String expectedXml;
        try (Connection direct = org.jvirt.Jvirt.connect("test:///default")) {
            Domain d = direct.defineXml(java.nio.file.Files.readString(xml));
            d.start();
            d.pinVcpu(0, CpuSet.parse("1-2"), Affect.LIVE);
            d.pinEmulator(CpuSet.parse("4-5"), Affect.LIVE);
            d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE));
            expectedXml = d.xml().replaceFirst(" id='\\d+'", " id='ID'");
        }
        try (DaemonHarness daemon = DaemonHarness.start(dir)) {
            Tools.Result r = Tools.run(List.of(Tools.PYTHON, script.toString(), daemon.uri("test:///default"),
                    xml.toString()), "", Map.of(), 60);
            assertThat(r.status()).as(r.err()).isZero();
            String out = r.out();
            assertThat(out).contains("defined: jvd-web 5a1e7c7e-0d6b-4a59-9d61-3c0f6ad0b0a1 0 1",
                    "info: [1, 262144, 262144, 3]",
                    "state: [1, 1]",
                    "vcpus live: 3 config: 2 max: 4",
                    "vcpupin: ['-yy-----', 'yyyyyyyy', 'yyyyyyyy']",
                    "emulatorpin: ----yy--",
                    "list: [('jvd-web', 1), ('test', 1)]",
                    "unsupported: 3",
                    "too many vcpus: 8");
            assertThat(out).contains("events:\n"
                    + "  lifecycle jvd-web 0 0\n"
                    + "  lifecycle jvd-web 2 0\n"
                    + "  tunable jvd-web [('cputune.vcpupin0', '1-2')]\n"
                    + "  tunable jvd-web [('cputune.emulatorpin', '4-5')]\n"
                    + "  tunable jvd-web [('vcpu.current', 3)]\n"
                    + "  lifecycle jvd-web 5 1\n"
                    + "  lifecycle jvd-web 1 0\n");
            String xmlSeen = out.substring(out.indexOf("xml:\n") + 5).replaceFirst(" id='\\d+'", " id='ID'");
            assertThat(xmlSeen).isEqualTo(expectedXml);
            assertThat(daemon.driver().listDomains()).extracting(Domain::name).containsExactly("test");
        }
    }
}
