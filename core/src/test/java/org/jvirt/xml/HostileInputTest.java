package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/** Input written to hurt: each is rejected with a VirtException, fast, and leaks nothing. */
class HostileInputTest {
    private static final DomainXml XML = new DomainXml();
    private static final String TAIL = "<name>x</name><memory>1024</memory><os><type>hvm</type></os></domain>";

    private static VirtException reject(String xml) {
        Throwable t = catchThrowable(() -> XML.read(xml));
        assertThat(t).isInstanceOf(VirtException.class);
        return (VirtException) t;
    }

    @Test
    void externalEntityIsRejectedAndTheFileNeverAppears() {
        String xml = "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n"
                + "<domain type='kvm'><name>&xxe;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        VirtException e = reject(xml);
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).contains("DOCTYPE").containsPattern("line \\d+, column \\d+")
                .doesNotContain("root:").doesNotContain("/bin/");
        assertThat(String.valueOf(e.getCause())).doesNotContain("root:");
    }

    @Test
    void namesAndNamespacesTheTreeRefusesAreXmlErrorsWithTheirPlace() {
        // the SAX parser lets these through and JDOM's tree refuses them with its own unchecked exception
        VirtException name = reject("<domain type='kvm'><:name>x</:name></domain>");
        assertThat(name.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(name.getMessage()).contains("':name'").contains("line 1, column 27").doesNotContain("JDOM");
        VirtException uri = reject("<domain type='kvm' xmlns:q=' urn:x'>" + TAIL);
        assertThat(uri.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(uri.getMessage()).contains("white-space").contains("line 1, column");
        VirtException target = reject("<?q:x data?><domain type='kvm'>" + TAIL);
        assertThat(target.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(target.getMessage()).contains("\"q:x\"").contains("colons").doesNotContain("JDOM");
    }

    @Test
    void externalDtdIsNeverFetched() {
        VirtException e = reject("<!DOCTYPE domain SYSTEM 'http://192.0.2.1/evil.dtd'><domain type='kvm'>" + TAIL);
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).contains("DOCTYPE");
    }

    @Test
    @Timeout(5)
    void billionLaughsIsRejectedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE domain [<!ENTITY lol0 'lol'>");
        for (int i = 1; i <= 10; i++) {
            String prev = "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" '").append(prev.repeat(10)).append("'>");
        }
        dtd.append("]>");
        VirtException e = reject(dtd + "<domain type='kvm'><name>&lol10;</name>" + TAIL.substring(14));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).hasSizeLessThan(400);
    }

    @Test
    void undeclaredEntityIsAnXmlError() {
        VirtException e = reject("<domain type='kvm'><name>&nope;</name>" + TAIL.substring(14));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).containsPattern("line 1, column \\d+");
    }

    @Test
    @Timeout(10)
    void a64MiBDocumentIsRejectedBeforeParsing() {
        String huge = "<domain type='kvm'><description>" + "a".repeat(64 * 1024 * 1024) + "</description>" + TAIL;
        long start = System.nanoTime();
        VirtException e = reject(huge);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_TOO_LARGE);
        assertThat(e.getMessage()).contains("exceeds the limit of 10485760");
    }

    @Test
    @Timeout(10)
    void aHugeStreamIsCutOffAtTheLimit() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                return served > 200L * 1024 * 1024 ? -1 : 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                served += len;
                return served > 200L * 1024 * 1024 ? -1 : len;
            }
        };
        VirtException e = (VirtException) catchThrowable(() -> XML.read(endless));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_TOO_LARGE);
    }

    @Test
    void aLargeFileIsRejectedByItsSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.xml");
        try (var ch = Files.newByteChannel(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.position(64L * 1024 * 1024);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
        }
        VirtException e = (VirtException) catchThrowable(() -> XML.read(file));
        assertThat(e.code()).isEqualTo(ErrorCode.XML_TOO_LARGE);
    }

    @Test
    void theSizeLimitIsConfigurable() {
        DomainXml small = new DomainXml(new XmlLimits(50, 256));
        String xml = "<domain type='kvm'>" + TAIL;
        Throwable t = catchThrowable(() -> small.read(xml));
        assertThat(((VirtException) t).code()).isEqualTo(ErrorCode.XML_TOO_LARGE);
        assertThat(new DomainXml(new XmlLimits(1000, 256)).read(xml).def().name()).isEqualTo("x");
    }

    @Test
    @Timeout(10)
    void deepNestingIsRejectedWithoutStackOverflow() {
        int depth = 200_000;
        StringBuilder b = new StringBuilder(depth * 7 + 200).append("<domain type='kvm'>");
        b.append("<a>".repeat(depth)).append("</a>".repeat(depth)).append(TAIL);
        VirtException e = reject(b.toString());
        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
        assertThat(e.getMessage()).contains("deeper than the limit of 256").contains("line 1");
    }

    @Test
    void nestingJustInsideTheLimitIsKept() {
        StringBuilder b = new StringBuilder("<domain type='kvm'><metadata>");
        b.append("<a>".repeat(250)).append("</a>".repeat(250)).append("</metadata>").append(TAIL.substring(0));
        String out = XML.write(XML.read(b.toString()).def());
        assertThat(out).contains("<a>").contains("<a/>");
    }

    @Test
    void notXmlTruncatedAndEmptyAreXmlErrorsWithALocation() {
        for (String bad : new String[] {"", "   ", "hello", "<domain type='kvm'><name>x</na", "<domain", "<?xml"}) {
            VirtException e = reject(bad);
            assertThat(e.code()).as(bad).isEqualTo(ErrorCode.XML_ERROR);
            assertThat(e.getMessage()).as(bad).containsPattern("line \\d+, column \\d+");
        }
    }

    @Test
    void binaryGarbageIsAnXmlError() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Throwable t = catchThrowable(() -> XML.read(new ByteArrayInputStream(garbage)));
        assertThat(t).isInstanceOf(VirtException.class);
        assertThat(((VirtException) t).code()).isEqualTo(ErrorCode.XML_ERROR);
    }

    @Test
    void nullIsAnXmlErrorNotAnNpe() {
        Throwable t = catchThrowable(() -> XML.read((String) null));
        assertThat(((VirtException) t).code()).isEqualTo(ErrorCode.XML_ERROR);
    }

    @Test
    void utf8StreamsAreRead() {
        String xml = "<domain type='kvm'><name>caf\u00e9</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertThat(XML.read(new ByteArrayInputStream(bytes)).def().name()).isEqualTo("caf\u00e9");
    }

    @Test
    void aReaderStaysUsableAfterARefusedDocument() {
        // the parser is kept per thread: a document stopped half-way must not leave its depth behind
        DomainXml shared = new DomainXml(new XmlLimits(1 << 20, 8));
        String deep = "<domain type='kvm'>" + "<a>".repeat(20) + "</a>".repeat(20) + "</domain>";
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowable(() -> shared.read(deep))).isInstanceOf(VirtException.class);
            assertThat(shared.read("<domain type='kvm'>" + TAIL).def().name()).isEqualTo("x");
        }
        assertThat(catchThrowable(() -> shared.read("<network/>"))).hasMessageContaining("found <network>");
        assertThat(shared.read("<domain type='kvm'>" + TAIL).def().name()).isEqualTo("x");
    }

    @Test
    void readersOfOneThreadEachKeepTheirOwnLimits() {
        // one parser per thread and limits is kept for every reader: a shallow reader's depth limit
        // holds after a deeper one read the same document on this thread, and the other way round
        String nested = "<domain type='kvm'>" + "<a>".repeat(10) + "</a>".repeat(10) + TAIL;
        DomainXml deep = new DomainXml(new XmlLimits(1 << 20, 64));
        DomainXml shallow = new DomainXml(new XmlLimits(1 << 20, 8));
        DomainXml deepToo = new DomainXml(new XmlLimits(1 << 20, 64));
        for (int i = 0; i < 2; i++) {
            assertThat(deep.read(nested).def().name()).isEqualTo("x");
            assertThat(catchThrowable(() -> shallow.read(nested))).hasMessageContaining("limit of 8");
            assertThat(deepToo.read(nested).def().name()).isEqualTo("x");
        }
    }
}
