package org.jvirt.xml;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jdom2.located.LocatedJDOMFactory;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.xml.sax.InputSource;

/**
 * The hardened way into a JDOM tree. A streaming pre-pass (StAX, no DTD support, no external
 * resolution) rejects any {@code <!DOCTYPE>} (so no entity can be declared, let alone expanded or
 * fetched), checks the nesting depth without recursion and checks well-formedness; only then is a
 * tree built, by a SAX builder that also refuses DOCTYPEs and external entities.
 */
final class SafeXmlParser {
    private final XmlLimits limits;

    /** Configured once per thread: building parsers is far dearer than parsing a domain. */
    private final ThreadLocal<XMLInputFactory> streams = ThreadLocal.withInitial(SafeXmlParser::newStreamFactory);
    private final ThreadLocal<SAXBuilder> builders = ThreadLocal.withInitial(SafeXmlParser::newBuilder);

    SafeXmlParser(XmlLimits limits) {
        this.limits = limits;
    }

    private static XMLInputFactory newStreamFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    private static SAXBuilder newBuilder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setJDOMFactory(new LocatedJDOMFactory());
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

    /** Parses {@code xml}; the root must be {@code expectedRoot} (no namespace). */
    Document parse(String xml, String expectedRoot) {
        if (xml == null) {
            throw xmlError("no XML document given");
        }
        checkSize(xml.length());
        prePass(xml, expectedRoot);
        return build(xml);
    }

    void checkSize(long size) {
        if (size > limits.maxChars()) {
            throw VirtException.of(ErrorCode.XML_TOO_LARGE, ErrorDomain.XML,
                    "XML: document of %d characters exceeds the limit of %d", size, limits.maxChars());
        }
    }

    private void prePass(String xml, String expectedRoot) {
        XMLInputFactory factory = streams.get();
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            boolean sawRoot = false;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw located(reader.getLocation(),
                            "document type declarations (<!DOCTYPE>) are not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw located(reader.getLocation(),
                            "entity references are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (!sawRoot) {
                            sawRoot = true;
                            checkRoot(reader, expectedRoot);
                        }
                        if (depth > limits.maxDepth()) {
                            throw located(reader.getLocation(),
                                    "elements nest deeper than the limit of " + limits.maxDepth());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {
                    }
                }
            }
            if (!sawRoot) {
                throw xmlError("XML: the document is empty (no root element) (line 1, column 1)");
            }
        } catch (XMLStreamException e) {
            throw located(e.getLocation(), cleanMessage(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof VirtException v) {
                throw v;
            }
            throw xmlError("XML: not well-formed: " + cleanMessage(String.valueOf(e.getMessage())));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the string reader
                }
            }
        }
    }

    private static void checkRoot(XMLStreamReader reader, String expectedRoot) {
        String ns = reader.getNamespaceURI();
        if (!expectedRoot.equals(reader.getLocalName()) || (ns != null && !ns.isEmpty())) {
            String prefix = reader.getPrefix();
            String shown = (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + reader.getLocalName();
            throw located(reader.getLocation(),
                    "the root element must be <" + expectedRoot + ">, found <" + shown + ">");
        }
    }

    private Document build(String xml) {
        SAXBuilder builder = builders.get();
        try {
            return builder.build(new InputSource(new StringReader(xml)));
        } catch (JDOMParseException e) {
            throw xmlError(String.format("XML: not well-formed: %s (line %d, column %d)",
                    cleanMessage(e.getMessage()), e.getLineNumber(), e.getColumnNumber()));
        } catch (JDOMException | IOException e) {
            throw xmlError("XML: cannot read the document: " + cleanMessage(String.valueOf(e.getMessage())));
        }
    }

    private static VirtException located(Location loc, String message) {
        if (loc == null || loc.getLineNumber() < 0) {
            return xmlError("XML: " + message);
        }
        return xmlError(String.format("XML: %s (line %d, column %d)", message, loc.getLineNumber(),
                Math.max(loc.getColumnNumber(), 1)));
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
}
