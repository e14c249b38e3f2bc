package org.jvirt.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import org.jdom2.Document;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;

/**
 * Libvirt domain XML to {@link DomainDef} and back: {@code new DomainXml().read(xml)} and
 * {@code write(def)}.
 *
 * <p>Reading is hardened (no DTD, no entities, size and depth limits, see {@link XmlLimits}),
 * lenient as libvirt is (defaults are filled in: uuid, currentMemory, lifecycle actions, clock,
 * boot device, the placement rules of docs/pinning.md) and loses nothing: what the model does not
 * know is kept, written back in its place, and reported as a {@link ParseResult#warnings()
 * warning}. A definition is refused only for a value that is wrong, with a {@link VirtException}
 * whose message says what and where (element path, line, column). Writing gives the shape of
 * {@code virsh dumpxml}.
 *
 * <p>Instances are thread-safe. The hardened parser is made at the first read, so that a
 * program that only writes domain XML (or defines domains built in code) never loads an XML parser.
 */
public final class DomainXml {
    private final XmlLimits limits;
    private final Supplier<UUID> uuids;
    private volatile SafeXmlParser parser;

    public DomainXml() {
        this(XmlLimits.DEFAULT);
    }

    public DomainXml(XmlLimits limits) {
        this(limits, new RandomUuids());
    }

    /** {@code uuids} supplies the uuid of a domain whose XML has none. */
    public DomainXml(XmlLimits limits, Supplier<UUID> uuids) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.uuids = Objects.requireNonNull(uuids, "uuids");
    }

    /** Random uuids: a class rather than {@code UUID::randomUUID}, whose call site JDK 17 links at run time. */
    private static final class RandomUuids implements Supplier<UUID> {
        @Override
        public UUID get() {
            return UUID.randomUUID();
        }
    }

    /** Two threads' first reads may each make one: either serves (it keeps no state between parses). */
    private SafeXmlParser parser() {
        SafeXmlParser p = parser;
        if (p == null) {
            p = new SafeXmlParser(limits);
            parser = p;
        }
        return p;
    }

    /** Reads a domain definition: hardened, lenient (defaults filled in), and losing nothing. */
    public ParseResult read(String xml) {
        Document doc = parser().parse(xml, "domain");
        ReadReport report = new ReadReport();
        try {
            DomainDef def = DomainCodec.read(XmlNode.root(doc.getRootElement(), report), uuids);
            return new ParseResult(def, report.warnings());
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            // a model invariant the codecs should have checked first: still the caller's bad input
            throw new VirtException(ErrorCode.XML_INVALID, ErrorDomain.DOMAIN_CONF,
                    "domain: invalid definition: " + e.getMessage(), e);
        }
    }

    /** Reads at most the size limit (plus one byte, to notice more) as UTF-8. */
    public ParseResult read(InputStream in) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > limits.maxChars()) {
                    parser().checkSize(total);
                }
                buffer.write(chunk, 0, n);
            }
            return read(decode(buffer.toByteArray()));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.XML,
                    "cannot read the domain XML: " + e.getMessage(), e);
        }
    }

    public ParseResult read(Path file) {
        try {
            parser().checkSize(Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                return read(in);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.XML,
                    "cannot read the domain XML file " + file + ": " + IoReason.of(e), e);
        }
    }

    private static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML: the document is not valid UTF-8");
        }
    }

    public String write(DomainDef def) {
        return write(def, java.util.OptionalInt.empty());
    }

    /** As {@link #write(DomainDef)}, with a running domain's {@code id} on the root element. */
    public String write(DomainDef def, java.util.OptionalInt id) {
        return XmlPrinter.print(DomainCodec.write(def, id));
    }
}
