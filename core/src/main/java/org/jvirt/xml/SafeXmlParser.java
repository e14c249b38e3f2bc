package org.jvirt.xml;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.SAXHandler;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.jdom2.located.LocatedJDOMFactory;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The hardened way into a JDOM tree, in one streaming pass. The SAX parser refuses any
 * {@code <!DOCTYPE>} (so no entity can be declared, let alone expanded or fetched) and never
 * resolves anything external; the tree builder counts the nesting depth and checks the root
 * element as each element starts, so a hostile document is stopped at the first element past
 * the limit, before it costs memory.
 */
final class SafeXmlParser {
    private static final String DOCTYPE_REFUSED = "document type declarations (<!DOCTYPE>) are not allowed";

    /**
     * Configured once per thread and depth limit (the one limit a builder holds), for every
     * parser of this JVM: building one (the JDK's SAX parser behind it) is far dearer than
     * parsing a domain, and a command reads a domain's definition and then its status file.
     * Keyed by the number, not by {@link XmlLimits}: a record's {@code hashCode} is linked at its
     * first call, which spins method-handle classes no start-up cache keeps.
     */
    private static final ThreadLocal<Map<Integer, SAXBuilder>> BUILDERS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<String> EXPECTED_ROOT = new ThreadLocal<>();
    /** Elements, text and comments that know their line and column, for messages on them. */
    private static final LocatedJDOMFactory LOCATED = new LocatedJDOMFactory();

    private final XmlLimits limits;

    SafeXmlParser(XmlLimits limits) {
        this.limits = limits;
    }

    private SAXBuilder builder() {
        Map<Integer, SAXBuilder> mine = BUILDERS.get();
        Integer depth = limits.maxDepth();
        SAXBuilder b = mine.get(depth);
        if (b == null) {
            b = newBuilder(limits.maxDepth());
            mine.put(depth, b);
        }
        return b;
    }

    private static SAXBuilder newBuilder(int maxDepth) {
        SAXBuilder builder = new SAXBuilder(new JdkSaxReaders());
        builder.setJDOMFactory(LOCATED);
        builder.setSAXHandlerFactory(factory -> new LimitedHandler(factory, maxDepth, EXPECTED_ROOT::get));
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setExpandEntities(false);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new IOException("external entities are not allowed");
        });
        return builder;
    }

    /**
     * Parses {@code xml}; the root must be {@code expectedRoot} (no namespace). Plain documents
     * are read by {@link PlainXmlReader}; the rest, and every error, by the SAX parser.
     */
    Document parse(String xml, String expectedRoot) {
        if (xml == null) {
            throw xmlError("no XML document given");
        }
        checkSize(xml.length());
        if (xml.isBlank()) {
            throw xmlError("XML: the document is empty (no root element) (line 1, column 1)");
        }
        Document plain = PlainXmlReader.read(xml, expectedRoot, limits.maxDepth(), LOCATED);
        return plain != null ? plain : parseWithSax(xml, expectedRoot);
    }

    /** {@link #parse} by the JDK's SAX parser alone (what {@link PlainXmlReader} must match). */
    Document parseWithSax(String xml, String expectedRoot) {
        EXPECTED_ROOT.set(expectedRoot);
        try {
            return builder().build(new InputSource(new StringReader(xml)));
        } catch (JDOMParseException e) {
            throw xmlError(String.format("XML: %s (line %d, column %d)", describe(e), Math.max(e.getLineNumber(), 1),
                    Math.max(e.getColumnNumber(), 1)));
        } catch (JDOMException | IOException e) {
            throw xmlError("XML: cannot read the document: " + cleanMessage(String.valueOf(e.getMessage())));
        } catch (IllegalArgumentException e) {
            // JDOM's checks elsewhere than in the handler's refusals
            throw xmlError("XML: not well-formed: " + cleanMessage(e.getMessage()).replace("JDOM/XML", "XML"));
        } finally {
            EXPECTED_ROOT.remove();
        }
    }

    void checkSize(long size) {
        if (size > limits.maxChars()) {
            throw VirtException.of(ErrorCode.XML_TOO_LARGE, ErrorDomain.XML,
                    "XML: document of %d characters exceeds the limit of %d", size, limits.maxChars());
        }
    }

    /** Our own refusals keep their words; the parser's get "not well-formed" and lose its preamble. */
    private static String describe(JDOMParseException e) {
        Throwable cause = e.getCause();
        if (cause instanceof SAXParseException sax && sax.getMessage() != null) {
            String m = sax.getMessage();
            if (m.contains("DOCTYPE is disallowed")) {
                return DOCTYPE_REFUSED;
            }
            if (sax instanceof Refusal) {
                return m;
            }
            return "not well-formed: " + cleanMessage(m);
        }
        return "not well-formed: " + cleanMessage(e.getMessage());
    }

    /** Drops the JDK's "ParseError at [row,col]" preamble; the location is added by us. */
    private static String cleanMessage(String message) {
        if (message == null) {
            return "unknown error";
        }
        int i = message.indexOf("Message: ");
        String m = i >= 0 ? message.substring(i + "Message: ".length()) : message;
        m = m.replace('\n', ' ').trim();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    static VirtException xmlError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, message);
    }

    /**
     * The JDK's own namespace-aware, non-validating SAX parser, made without JAXP's factory lookup
     * (a system property, {@code jaxp.properties}, a scan of the class path for services) that
     * JDOM's {@code XMLReaders.NONVALIDATING} runs: the same parser, a few milliseconds less on the
     * start of every one-shot command that reads XML.
     */
    private static final class JdkSaxReaders implements XMLReaderJDOMFactory {
        private final SAXParserFactory factory = SAXParserFactory.newDefaultNSInstance();

        @Override
        public XMLReader createXMLReader() throws JDOMException {
            try {
                return factory.newSAXParser().getXMLReader();
            } catch (ParserConfigurationException | SAXException e) {
                throw new JDOMException("cannot make the JDK's SAX parser: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean isValidating() {
            return false;
        }
    }

    /** A document jvirt refuses although it is well-formed XML; its message is final. */
    private static final class Refusal extends SAXParseException {
        private static final long serialVersionUID = 1L;

        Refusal(String message, org.xml.sax.Locator locator) {
            super(message, locator);
        }
    }

    /**
     * JDOM's tree builder, stopping at the nesting limit, a wrong root element or a DTD. The
     * builder keeps its handler from one document to the next and resets it in between, also
     * after a document that failed half-way.
     */
    private static final class LimitedHandler extends SAXHandler {
        private final int maxDepth;
        private final java.util.function.Supplier<String> expectedRoot;
        private int depth;

        LimitedHandler(org.jdom2.JDOMFactory factory, int maxDepth, java.util.function.Supplier<String> expectedRoot) {
            super(factory);
            this.maxDepth = maxDepth;
            this.expectedRoot = expectedRoot;
        }

        /** JDOM's hook of {@code reset()}, which it calls between documents (its spelling). */
        @Override
        protected void resetSubCLass() {
            depth = 0;
        }

        @Override
        public void startElement(String namespaceURI, String localName, String qName, Attributes atts)
                throws SAXException {
            depth++;
            String root = expectedRoot.get();
            if (depth == 1 && root != null && (!root.equals(localName) || !namespaceURI.isEmpty())) {
                throw new Refusal("the root element must be <" + root + ">, found <" + qName + ">",
                        getDocumentLocator());
            }
            if (depth > maxDepth) {
                throw new Refusal("elements nest deeper than the limit of " + maxDepth, getDocumentLocator());
            }
            try {
                super.startElement(namespaceURI, localName, qName, atts);
            } catch (IllegalArgumentException e) {
                throw illegal(e);
            }
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            try {
                super.startPrefixMapping(prefix, uri);
            } catch (IllegalArgumentException e) {
                throw illegal(e);
            }
        }

        /**
         * JDOM checks names and namespace URIs the SAX parser lets through (an element named
         * {@code :r}, a namespace URI that starts with a space) and throws its own unchecked
         * exception: a refusal at that place instead.
         */
        private Refusal illegal(IllegalArgumentException e) {
            return new Refusal(cleanMessage(e.getMessage()).replace("JDOM/XML", "XML"), getDocumentLocator());
        }

        @Override
        public void endElement(String namespaceURI, String localName, String qName) throws SAXException {
            depth--;
            super.endElement(namespaceURI, localName, qName);
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new Refusal(DOCTYPE_REFUSED, getDocumentLocator());
        }
    }
}
