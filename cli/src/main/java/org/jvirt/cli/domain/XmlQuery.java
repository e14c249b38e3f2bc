package org.jvirt.cli.domain;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.jvirt.cli.command.CommandFailure;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XPath over a domain's XML text, for the options of virsh commands that look inside it
 * ({@code dumpxml --xpath}, {@code undefine --storage}, the NVRAM of {@code --nvram}). Built
 * only when such an option is given: the JDK's XML classes stay off the one-shot path.
 */
final class XmlQuery {
    private static final String ATTRIBUTE_ORDER = "jvirsh.attributeOrder";

    private final Document document;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private XmlQuery(Document document) {
        this.document = document;
    }

    /** @throws CommandFailure when the text is not a well-formed document */
    static XmlQuery of(String xml) {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            f.newSAXParser().parse(new InputSource(new StringReader(xml)), new TreeBuilder(doc));
            return new XmlQuery(doc);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw CommandFailure.of("cannot read the domain XML: " + e.getMessage());
        }
    }

    /** The names of an element's attributes in the document's order (a DOM sorts them by name). */
    @SuppressWarnings("unchecked")
    static List<String> attributeOrder(Element e) {
        Object order = e.getUserData(ATTRIBUTE_ORDER);
        return order == null ? List.of() : (List<String>) order;
    }

    /** Builds the DOM from SAX events, remembering each element's attribute order. */
    private static final class TreeBuilder extends DefaultHandler {
        private final Document doc;
        private Node current;

        TreeBuilder(Document doc) {
            this.doc = doc;
            this.current = doc;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Element e = doc.createElement(qName);
            List<String> order = new ArrayList<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                e.setAttribute(attributes.getQName(i), attributes.getValue(i));
                order.add(attributes.getQName(i));
            }
            e.setUserData(ATTRIBUTE_ORDER, List.copyOf(order), null);
            current.appendChild(e);
            current = e;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            current = current.getParentNode();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (current != doc) {
                current.appendChild(doc.createTextNode(new String(ch, start, length)));
            }
        }
    }

    /** The nodes {@code expression} selects; a failure when it is not a valid node-set expression. */
    List<Node> nodes(String expression) {
        try {
            NodeList list = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                out.add(list.item(i));
            }
            return attributesInDocumentOrder(out);
        } catch (XPathExpressionException | ClassCastException e) {
            throw CommandFailure.of("internal error: Incorrect xpath '" + expression + "'");
        }
    }

    /** Each run of attributes of one element put in the document's order; the rest as selected. */
    private static List<Node> attributesInDocumentOrder(List<Node> nodes) {
        int i = 0;
        while (i < nodes.size()) {
            int j = i;
            while (j < nodes.size() && nodes.get(j) instanceof Attr a && nodes.get(i) instanceof Attr first
                    && a.getOwnerElement() == first.getOwnerElement()) {
                j++;
            }
            if (j - i > 1) {
                List<String> order = attributeOrder(((Attr) nodes.get(i)).getOwnerElement());
                nodes.subList(i, j).sort((a, b) -> Integer.compare(order.indexOf(((Attr) a).getName()), order.indexOf(((Attr) b).getName())));
            }
            i = Math.max(j, i + 1);
        }
        return nodes;
    }

    /** The string value of {@code expression} relative to {@code context}; empty when blank. */
    Optional<String> string(Node context, String expression) {
        try {
            String s = xpath.evaluate(expression, context);
            return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    boolean has(String expression) {
        return !nodes(expression).isEmpty();
    }
}
