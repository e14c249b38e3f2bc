package org.jvirt.xml;

import org.jdom2.Document;

/**
 * The hardened parser of domain XML, for other XML documents jvirt reads (the test driver's
 * node files): no DOCTYPE, no entities, size and depth limits, errors with line and column.
 */
public final class SafeXml {
    private SafeXml() {
    }

    /** Parses {@code xml}, whose root element must be {@code expectedRoot}. */
    public static Document parse(String xml, String expectedRoot, XmlLimits limits) {
        return new SafeXmlParser(limits).parse(xml, expectedRoot);
    }

    /** Rejects (XML_TOO_LARGE) a document of {@code size} characters before it is read. */
    public static void checkSize(long size, XmlLimits limits) {
        new SafeXmlParser(limits).checkSize(size);
    }
}
