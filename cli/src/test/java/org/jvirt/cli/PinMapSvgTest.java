package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.ThreadPlacement;
import org.jvirt.ThreadPlacement.Kind;
import org.jvirt.cli.pinning.ThreadProbe;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code pinmap --svg}: a well-formed drawing with a box per host CPU, the threads that may run on
 * each, and the kernel's view where the driver gives one (drift drawn apart); golden files hold
 * the drawings of the test driver's domain and of a drifting kernel.
 */
class PinMapSvgTest {
    private static final String U = "test:///default";

    private static ThreadPlacement thread(Kind kind, int index, long tid, CpuSet affinity, CpuSet cgroup) {
        return new ThreadPlacement(tid, "t" + tid, kind, index, affinity, Optional.of("/machine/test"),
                Optional.of(cgroup));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<String> texts(Document doc) {
        NodeList list = doc.getElementsByTagName("text");
        return java.util.stream.IntStream.range(0, list.getLength()).mapToObj(i -> list.item(i).getTextContent())
                .toList();
    }

    @Test
    void theTestDomainOnTheHost() throws Exception {
        JvirshHarness.Result r = new JvirshHarness().run("-c", U, "pinmap test --svg -");
        assertThat(r.status()).isZero();
        Document doc = parse(r.stdout());
        List<String> texts = texts(doc);
        for (int cpu = 0; cpu < 16; cpu++) {
            int c = cpu;
            assertThat(texts).anyMatch(t -> t.equals("cpu " + c) || t.equals("cpu " + c + "  offline"));
        }
        assertThat(texts).contains("NUMA cell 0 (1536 MiB)", "socket 3", "vcpu 0-1", "emulator",
                "0-7 (all host CPUs)");
        GoldenFiles.check("pinmap-svg-test", GoldenFiles.render(r));
    }

    @Test
    void driftIsDrawnApart() throws Exception {
        CpuSet all = CpuSet.range(0, 7);
        ThreadProbe drifting = d -> List.of(thread(Kind.VCPU, 0, 101, CpuSet.of(3), all),
                thread(Kind.VCPU, 1, 102, all, all), thread(Kind.EMULATOR, -1, 100, all, CpuSet.range(0, 3)));
        JvirshHarness.Result r = new JvirshHarness().probe(drifting).run("-c", U, "vcpupin test 1 2-3; pinmap test --svg -");
        String svg = r.stdout().substring(r.stdout().indexOf("<svg"));
        assertThat(svg).contains("vcpu 0: the pinning allows this CPU, the kernel does not",
                "vcpu 1: the kernel lets it run here, the pinning does not",
                "emulator: the pinning allows this CPU, the kernel does not");
        parse(svg);
        GoldenFiles.check("pinmap-svg-drift", GoldenFiles.render(r));
    }

    @Test
    void aDriverWithoutAKernelViewAndThePersistentPinningSaySo() throws Exception {
        ThreadProbe none = d -> {
            throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.LXC, "no threads");
        };
        JvirshHarness.Result r = new JvirshHarness().probe(none).run("-c", U, "pinmap test --svg -");
        assertThat(texts(parse(r.stdout()))).anyMatch(t -> t.contains("the TEST driver reports no kernel placement"));
        JvirshHarness.Result config = new JvirshHarness().run("-c", U, "pinmap test --config --svg -");
        assertThat(texts(parse(config.stdout()))).anyMatch(t -> t.contains("the persistent definition's pinning"));
    }

    @Test
    void theDrawingGoesToTheFileNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.svg");
        JvirshHarness.Result r = new JvirshHarness().run("-c", U, "pinmap test --svg " + file + "; pinmap test --svg "
                + dir.resolve("no/such/dir.svg"));
        assertThat(r.stdout()).startsWith("Pin map of domain 'test' written to " + file + "\n");
        assertThat(r.stderr()).startsWith("error: cannot write the pin map to '" + dir.resolve("no/such/dir.svg"));
        assertThat(Files.readString(file)).isEqualTo(new JvirshHarness().run("-c", U, "pinmap test --svg -").stdout()
                .replaceAll("\n\n$", "\n"));
    }
}
