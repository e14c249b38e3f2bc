package org.jvirt.xml;

/**
 * Limits applied before and while reading a document: its size (checked before any parsing)
 * and how deeply elements may nest (checked while streaming, before a tree is built).
 *
 * @param maxChars the largest accepted document, in characters (bytes for streams and files)
 * @param maxDepth the deepest accepted element nesting; the root element is depth 1
 */
public record XmlLimits(long maxChars, int maxDepth) {
    /** 10 MiB and 256 levels. */
    public static final XmlLimits DEFAULT = new XmlLimits(10L * 1024 * 1024, 256);

    public XmlLimits {
        if (maxChars < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
