package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.model.DefinitionWarning;

/**
 * {@code domain-xml/in/CASE.xml} formats exactly as {@code domain-xml/out/CASE.xml}, and the
 * output is a fixed point. Run with {@code -Djvirt.golden.update=true} to rewrite the out files
 * (then review the diff).
 */
class GoldenTest {
    static final UUID FIXED = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final DomainXml CODEC = new DomainXml(XmlLimits.DEFAULT, () -> FIXED);

    static Path dir(String name) {
        try {
            return Path.of(GoldenTest.class.getResource("/domain-xml/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> inputs() throws IOException {
        try (Stream<Path> s = Files.list(dir("in"))) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFormatsAsItsGoldenFile() throws IOException {
        return inputs().stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            String actual = CODEC.write(CODEC.read(Files.readString(in)).def());
            if (Boolean.getBoolean("jvirt.golden.update")) {
                Path source = Path.of("src/test/resources/domain-xml/out").resolve(in.getFileName());
                Files.writeString(source, actual);
                return;
            }
            Path out = dir("out").resolve(in.getFileName());
            assertThat(out).as("golden file for " + in.getFileName()).exists();
            assertThat(actual).isEqualTo(Files.readString(out));
        }));
    }

    @TestFactory
    Stream<DynamicTest> formattingIsAFixedPoint() throws IOException {
        return inputs().stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            String once = CODEC.write(CODEC.read(Files.readString(in)).def());
            String twice = CODEC.write(CODEC.read(once).def());
            assertThat(twice).isEqualTo(once);
            assertThat(CODEC.read(once).def()).isEqualTo(CODEC.read(twice).def());
        }));
    }

    @Test
    void thereAreEnoughCasesAndEachHasAGoldenFile() throws IOException {
        assertThat(inputs()).hasSizeGreaterThanOrEqualTo(20);
        for (Path in : inputs()) {
            assertThat(dir("out").resolve(in.getFileName())).exists();
        }
    }

    @Test
    void aVcpupinBeyondTheMaximumIsDroppedWithAWarning() throws IOException {
        ParseResult r = CODEC.read(Files.readString(dir("in").resolve("c8-vcpupin-beyond-max.xml")));
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(DefinitionWarning.Kind.SETTING_DROPPED);
            assertThat(w.path()).isEqualTo("/domain/cputune/vcpupin[1]");
            assertThat(w.message()).startsWith("vcpupin for vCPU 4 ignored: domain has 4 vCPUs (at "
                    + "/domain/cputune/vcpupin[1], line");
        });
        assertThat(r.def().cputune().vcpuPins()).hasSize(1);
    }

    @Test
    void aMissingUuidIsGenerated() {
        String xml = "<domain type='kvm'><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        assertThat(CODEC.read(xml).def().uuid()).isEqualTo(FIXED);
        UUID first = new DomainXml().read(xml).def().uuid();
        UUID second = new DomainXml().read(xml).def().uuid();
        assertThat(first).isNotEqualTo(second);
    }
}
