package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.error.VirtException;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.pinning.Validator;
import org.w3c.dom.Document;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/**
 * Every document of {@code virsh-corpus/} is defined by libvirt's {@code virsh -c test:///default}
 * ({@code define}, then {@code dumpxml --inactive}) and by jvirt (read, validated as the test
 * driver validates, written), and the two must agree: both define it and write the same XML, or
 * both refuse it. The corpus is our own; it covers every element family of docs/domain-xml.md and
 * each of libvirt's relaxations jvirt follows.
 *
 * <p>XML is compared as XML (XMLUnit: element order, attributes in any order, text without the
 * indentation). Where the two differ on purpose, {@link VirshDifferences} says how and why; a
 * refusal that only jvirt makes is listed with its reason in {@code virsh-corpus/index.properties}.
 *
 * <p>Needs virsh (libvirt-clients): skipped without it, except under CI=true, where it fails.
 */
class VirshDifferentialTest {
    private static final Path CORPUS = corpusDir();
    private static final DomainXml XML = new DomainXml();
    private static Map<String, VirshResult> virshResults;

    /** What virsh made of one document: its dumpxml, or the error it gave. */
    record VirshResult(String xml, String error) {
        boolean accepted() {
            return xml != null;
        }
    }

    /** What jvirt made of one document. */
    record JvirtResult(String xml, ParseResult parsed, VirtException error) {
        boolean accepted() {
            return xml != null;
        }
    }

    private static Path corpusDir() {
        try {
            return Path.of(VirshDifferentialTest.class.getResource("/virsh-corpus").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    static Properties expectations() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CORPUS.resolve("index.properties"))) {
            p.load(r);
        }
        return p;
    }

    static String caseName(Path p) {
        String file = p.getFileName().toString();
        return file.substring(0, file.length() - ".xml".length());
    }

    @TestFactory
    Stream<DynamicTest> jvirtDefinesWhatVirshDefinesAndWritesTheSame() throws Exception {
        Map<String, VirshResult> virsh = virsh();
        Properties expected = expectations();
        return corpus().stream().map(file -> DynamicTest.dynamicTest(caseName(file), () -> {
            String name = caseName(file);
            String input = Files.readString(file);
            VirshResult v = virsh.get(name);
            JvirtResult j = jvirt(input);
            String expectation = expected.getProperty(name, "same").trim();
            String why = "\n  virsh: " + (v.accepted() ? "defined" : v.error()) + "\n  jvirt: "
                    + (j.accepted() ? "defined" : j.error().getMessage());
            if (expectation.startsWith("jvirt-refuses")) {
                // a deliberate difference: libvirt 9.0 defines it, jvirt refuses it with the given code
                assertThat(v.accepted()).as("virsh defines %s (else the difference is gone)%s", name, why).isTrue();
                assertThat(j.accepted()).as("jvirt refuses %s%s", name, why).isFalse();
                String code = expectation.split("\\s+")[1].replace("|", "").trim();
                assertThat(j.error().code().name()).as(why).isEqualTo(code);
            } else if (expectation.startsWith("both-refuse")) {
                assertThat(v.accepted()).as("virsh refuses %s%s", name, why).isFalse();
                assertThat(j.accepted()).as("jvirt refuses %s%s", name, why).isFalse();
                // the reader says the path, line and column; the validator, which sees the model, the element
                assertThat(j.error().getMessage()).as("jvirt says where").containsPattern(
                        "\\(at /domain.*line \\d+|^[a-z_ ]+: ");
            } else {
                assertThat(v.accepted()).as("virsh defines %s%s", name, why).isTrue();
                assertThat(j.accepted()).as("jvirt defines %s%s", name, why).isTrue();
                assertSameXml(name, input, v.xml(), j.xml());
            }
        }));
    }

    @Test
    void theCorpusCoversEveryFamilyAndEachDifferenceIsNeeded() throws Exception {
        List<Path> files = corpus();
        assertThat(files).hasSizeGreaterThanOrEqualTo(80);
        Properties expected = expectations();
        Set<String> names = new TreeSet<>();
        files.forEach(f -> names.add(caseName(f)));
        assertThat(names).containsAll(expected.stringPropertyNames());
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as("%s names itself and gives its uuid", f).contains("<name>" + caseName(f) + "</name>",
                    "<uuid>");
            all.append(text);
        }
        for (String family : List.of("<title>", "<description>", "<metadata>", "<memory", "<currentMemory",
                "<maxMemory", "<memtune>", "<vcpu ", "<vcpus>", "<iothreads>", "<iothreadids>", "<defaultiothread",
                "<cputune>", "<numatune>", "<resource>", "<os", "<loader", "<nvram", "<kernel>", "<init>",
                "<features>", "<cpu", "<numa>", "<distances>", "<clock", "<timer", "<on_poweroff>", "<pm>",
                "<devices>", "<emulator>", "<disk type='file'", "<disk type='block'", "<disk type='network'",
                "<filesystem", "<interface", "<controller", "<input", "<graphics", "<video>", "<serial",
                "<console", "<channel", "<memballoon", "<rng", "<watchdog", "<sound")) {
            assertThat(all).as("the corpus has %s", family).contains(family);
        }
        // each accepted difference was needed by some document (else it hides nothing and goes)
        Map<String, VirshResult> virsh = virsh();
        Set<String> used = new TreeSet<>();
        for (Path f : files) {
            VirshResult v = virsh.get(caseName(f));
            JvirtResult j = jvirt(Files.readString(f));
            if (v.accepted() && j.accepted()) {
                used.addAll(VirshDifferences.normalize(parse(Files.readString(f)), parse(v.xml()), parse(j.xml())));
            }
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(VirshDifferences.NAMES);
    }

    private static void assertSameXml(String name, String input, String virshXml, String jvirtXml) {
        Document virsh = parse(virshXml);
        Document jvirt = parse(jvirtXml);
        List<String> applied = VirshDifferences.normalize(parse(input), virsh, jvirt);
        Diff diff = DiffBuilder.compare(Input.fromDocument(virsh)).withTest(Input.fromDocument(jvirt))
                .ignoreWhitespace().ignoreComments().checkForIdentical().build();
        assertThat(diff.hasDifferences()).as("%s: jvirt writes what virsh writes (accepted differences %s): %s"
                + "%n--- virsh%n%s%n--- jvirt%n%s", name, applied, diff, virshXml, jvirtXml).isFalse();
    }

    static Document parse(String xml) {
        return org.xmlunit.util.Convert.toDocument(Input.fromString(xml).build());
    }

    private static JvirtResult jvirt(String input) {
        try {
            ParseResult parsed = XML.read(input);
            ValidationContext ctx = parsed.def().type().equals("lxc") ? ValidationContext.container()
                    : ValidationContext.vm();
            new Validator().validate(parsed.def(), ctx);
            return new JvirtResult(XML.write(parsed.def()), parsed, null);
        } catch (VirtException e) {
            return new JvirtResult(null, null, e);
        }
    }

    // ---------------------------------------------------------------- virsh

    private static synchronized Map<String, VirshResult> virsh() throws Exception {
        if (virshResults == null) {
            virshResults = runVirsh(findVirsh(), corpus());
        }
        return virshResults;
    }

    private static Path findVirsh() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "virsh");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("virsh is not installed, but the differential tests must run in CI (apt-get install libvirt-clients)");
        }
        assumeTrue(false, "virsh is not installed (apt-get install libvirt-clients): differential tests skipped");
        return null;
    }

    /**
     * One virsh process per document (test:///default lives as long as the process, and a virsh
     * that aborts on one document must not take the others with it): define, dumpxml --inactive.
     */
    private static Map<String, VirshResult> runVirsh(Path virsh, List<Path> files) {
        Map<String, VirshResult> results = new java.util.concurrent.ConcurrentHashMap<>();
        files.parallelStream().forEach(f -> results.put(caseName(f), runVirsh(virsh, f)));
        return results;
    }

    private static VirshResult runVirsh(Path virsh, Path file) {
        try {
            Path err = Files.createTempFile("virsh-differential", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(virsh.toString(), "-q", "-c", "test:///default",
                        "define '" + file + "' ; dumpxml --inactive " + caseName(file)).redirectError(err.toFile());
                pb.environment().remove("LIBVIRT_DEFAULT_URI");
                pb.environment().put("LC_ALL", "C");
                Process p = pb.start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new VirshResult(null, "virsh did not finish");
                }
                int start = out.indexOf("<domain");
                int end = out.indexOf("</domain>");
                if (start >= 0 && end > start) {
                    return new VirshResult(out.substring(start, end + "</domain>".length()), null);
                }
                String error = Files.readString(err).lines().filter(l -> !l.startsWith("error: Failed to define"))
                        .findFirst().orElse("virsh ended with " + p.exitValue() + " and no output");
                return new VirshResult(null, error);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot run virsh on " + file, e);
        }
    }
}
