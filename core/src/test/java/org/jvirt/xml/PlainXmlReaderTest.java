package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jdom2.Attribute;
import org.jdom2.Comment;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Text;
import org.jdom2.located.Located;
import org.jdom2.located.LocatedJDOMFactory;
import org.junit.jupiter.api.Test;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * {@link PlainXmlReader} builds what the SAX parser builds (every node, attribute and text, the
 * elements' lines and columns) for each document it takes, and takes no document the SAX parser refuses: seeded
 * random documents, random edits of them, and the XML files of the tests. It also takes what jvirt
 * writes (status files, definitions), or a one-shot command would pay for the SAX parser again.
 */
class PlainXmlReaderTest {
    private static final int DEPTH = 8;
    private static final SafeXmlParser SAX = new SafeXmlParser(new XmlLimits(1 << 20, DEPTH));
    private static final Pattern FIRST_ELEMENT = Pattern.compile("<([A-Za-z_][\\w.-]*)");

    @Test
    void randomDocumentsAreReadAsTheSaxParserReadsThem() {
        Random random = new Random(20261207L);
        int taken = 0;
        int documents = 3000;
        for (int i = 0; i < documents; i++) {
            String xml = new RandomXml(random).document();
            if (check(xml, "seed 20261207, document " + i)) {
                taken++;
            }
        }
        // most random documents keep to the plain subset: the comparison has material
        assertThat(taken).isGreaterThan(documents / 3);
    }

    @Test
    void editedDocumentsAreReadAsTheSaxParserReadsThemOrLeftToIt() {
        Random random = new Random(7L);
        String alphabet = "<>/&;#x'\"=!-?[]] \t\r\n\u00e9\u0001\ud83d\ude00\ud800axyz09:";
        for (int i = 0; i < 20000; i++) {
            StringBuilder xml = new StringBuilder(new RandomXml(random).document());
            for (int edits = 1 + random.nextInt(3); edits > 0 && xml.length() > 0; edits--) {
                int at = random.nextInt(xml.length());
                switch (random.nextInt(3)) {
                    case 0 -> xml.deleteCharAt(at);
                    case 1 -> xml.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> xml.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            check(xml.toString(), "seed 7, edited document " + i);
        }
    }

    @Test
    void theTestsXmlFilesAreReadAsTheSaxParserReadsThem() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources"))) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int taken = 0;
        for (Path f : files) {
            String xml = Files.readString(f);
            String root = rootName(xml);
            if (root != null && check(xml, f.toString(), root)) {
                taken++;
            }
        }
        // all but the few with namespaces or errors on purpose
        assertThat(taken).isGreaterThan(files.size() * 9 / 10);
    }

    @Test
    void whatJvirtWritesIsPlain() throws IOException {
        DomainXml domains = new DomainXml();
        StatusXml statuses = new StatusXml();
        int written = 0;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/domain-xml/in"))) {
            for (Path f : s.sorted().toList()) {
                String defined;
                try {
                    defined = domains.write(domains.read(Files.readString(f)).def());
                } catch (VirtException e) {
                    continue;    // a fixture of what is refused
                }
                if (defined.contains("xmlns")) {
                    continue;    // kept foreign elements keep their namespaces: the SAX parser's
                }
                assertThat(PlainXmlReader.read(defined, "domain", DEPTH * 32, new LocatedJDOMFactory()))
                        .as("%s, as written", f).isNotNull();
                DomainStatus status = new DomainStatus(DomainState.RUNNING, StateReason.BOOTED, 7,
                        domains.read(defined).def(), 4242, 987654, Optional.of(CpuSet.parse("0-1", "test")),
                        Map.of("monitor", "/run/jvirt/qemu/x.d/monitor.sock", "vcpu.0", "4243"));
                assertThat(PlainXmlReader.read(statuses.write(status), "domstatus", DEPTH * 32,
                        new LocatedJDOMFactory())).as("%s, in a status file", f).isNotNull();
                written++;
            }
        }
        assertThat(written).isGreaterThan(20);
    }

    private static boolean check(String xml, String what) {
        return check(xml, what, "r");
    }

    /** Whether the plain reader took {@code xml}; when it did, the SAX parser built the same. */
    private static boolean check(String xml, String what, String root) {
        Document plain = PlainXmlReader.read(xml, root, DEPTH, new LocatedJDOMFactory());
        Document sax;
        try {
            sax = SAX.parseWithSax(xml, root);
        } catch (VirtException e) {
            assertThat(plain).as("%s: the SAX parser refused it (%s) but the plain reader took it:%n%s", what,
                    e.getMessage(), xml).isNull();
            return false;
        }
        if (plain != null) {
            assertThat(describe(plain)).as("%s:%n%s", what, xml).isEqualTo(describe(sax));
        }
        return plain != null;
    }

    /** The name of the first element, past any comment. */
    private static String rootName(String xml) {
        Matcher m = FIRST_ELEMENT.matcher(xml.replaceAll("(?s)<!--.*?-->", ""));
        return m.find() ? m.group(1) : null;
    }

    /**
     * Every node of the document, one a line: kind, name or text, attributes, and an element's
     * line and column (what jvirt's messages name; the SAX parser places text and comments by
     * where its scanner happened to be, which differs around {@code ]} and line ends).
     */
    static String describe(Document doc) {
        StringBuilder out = new StringBuilder();
        for (Content c : doc.getContent()) {
            describe(c, 0, out);
        }
        return out.toString();
    }

    private static void describe(Content c, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(c.getClass().getSimpleName()).append(' ');
        if (c instanceof Element && c instanceof Located l) {
            out.append('@').append(l.getLine()).append(':').append(l.getColumn()).append(' ');
        }
        if (c instanceof Element e) {
            out.append(e.getQualifiedName()).append(" ns=").append(e.getNamespaceURI())
                    .append(" extra-ns=").append(e.getAdditionalNamespaces());
            for (Attribute a : e.getAttributes()) {
                out.append(" [").append(a.getQualifiedName()).append('=').append(escape(a.getValue())).append(' ')
                        .append(a.getAttributeType()).append(a.isSpecified() ? "" : " unspecified").append(']');
            }
            out.append('\n');
            for (Content child : e.getContent()) {
                describe(child, depth + 1, out);
            }
        } else if (c instanceof Text t) {
            out.append(escape(t.getText())).append('\n');
        } else if (c instanceof Comment m) {
            out.append(escape(m.getText())).append('\n');
        } else {
            out.append(escape(c.getValue())).append('\n');
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp > 0x7e) {
                b.append(String.format("\\u{%x}", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }

    /** Random documents with root {@code <r>}: mostly plain, now and then what only SAX reads. */
    private static final class RandomXml {
        private static final String[] NAMES = {"a", "b", "vcpu", "cpuset", "x_1", "a.b", "c-d", "Z", "r"};
        private static final String[] ODD_NAMES = {"q:arg", "\u00e9t\u00e9", "1a", "xmlns"};
        private static final String[] PIECES = {"x", "0-3", " ", "\t", "\n", "\r\n", "\r", "&lt;", "&gt;",
            "&amp;", "&apos;", "&quot;", "&#10;", "&#x9;", "&#13;", "&#x1F600;", "\u00e9", "\u4e2d", "\ud83d\ude00",
            ">", "]", "]]", "'", "\"", "-", "--", "yes", "/", "=", ";", "#"};
        private static final String[] ODD_PIECES = {"&nbsp;", "&#0;", "&#xD800;", "\u0001", "\ud800", "\ufffe",
            "<", "&", "]]>", "&#x110000;", "&#;"};
        private final Random random;

        RandomXml(Random random) {
            this.random = random;
        }

        String document() {
            StringBuilder b = new StringBuilder();
            if (odd(40)) {
                b.append(random.nextBoolean() ? "<?xml version='1.0' encoding='UTF-8'?>" : "<?xml version=\"1.0\"?>\n");
            }
            if (odd(60)) {
                b.append("<!DOCTYPE r>");
            }
            misc(b);
            element(b, "r", 1);
            misc(b);
            return b.toString();
        }

        private void misc(StringBuilder b) {
            for (int n = random.nextInt(3); n > 0; n--) {
                b.append(random.nextBoolean() ? space() : comment());
            }
        }

        private void element(StringBuilder b, String name, int depth) {
            b.append('<').append(name);
            int attributes = random.nextInt(4);
            for (int i = 0; i < attributes; i++) {
                b.append(odd(50) ? "" : " ").append(space());
                b.append(odd(40) ? ODD_NAMES[random.nextInt(ODD_NAMES.length)] : NAMES[random.nextInt(NAMES.length)]);
                b.append(random.nextInt(4) == 0 ? " = " : "=");
                char q = random.nextBoolean() ? '\'' : '"';
                b.append(q).append(text(true).replace(String.valueOf(q), q == '\'' ? "&apos;" : "&quot;")).append(q);
            }
            b.append(space());
            if (random.nextInt(4) == 0) {
                b.append("/>");
                return;
            }
            b.append('>');
            int children = depth > DEPTH + 1 ? 0 : random.nextInt(depth < 3 ? 5 : 3);
            for (int i = 0; i < children; i++) {
                switch (random.nextInt(6)) {
                    case 0, 1 -> element(b, NAMES[random.nextInt(NAMES.length)], depth + 1);
                    case 2 -> b.append(comment());
                    case 3 -> b.append(odd(20) ? "<![CDATA[" + text(false) + "]]>" : space());
                    default -> b.append(odd(40) ? "<?pi x?>" : text(false).replace("<", "&lt;"));
                }
            }
            b.append("</").append(odd(80) ? "b" : name).append(space()).append('>');
        }

        private String text(boolean attribute) {
            StringBuilder t = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                t.append(odd(30) ? ODD_PIECES[random.nextInt(ODD_PIECES.length)] : PIECES[random.nextInt(PIECES.length)]);
            }
            String s = t.toString();
            return attribute ? s : s.replace("]]>", odd(2) ? "]]>" : "]]&gt;");
        }

        private String comment() {
            return "<!--" + (odd(20) ? "a--b" : text(false).replace("-", "")) + (odd(30) ? "--->" : "-->");
        }

        private String space() {
            return switch (random.nextInt(5)) {
                case 0 -> " ";
                case 1 -> "\n  ";
                case 2 -> "\r\n\t";
                default -> "";
            };
        }

        /** True once in {@code n} times. */
        private boolean odd(int n) {
            return random.nextInt(n) == 0;
        }
    }
}
