package org.jvirt.model;

import java.util.Objects;

/**
 * Something in a domain definition that was accepted but that its author should know about: a
 * part jvirt keeps without using it, or a part it drops the way libvirt does. Warnings never stop
 * a definition; the parser and the validator return them as a list, in document order.
 *
 * @param kind    what happened, a stable category to act on
 * @param path    where, as an XPath into the given document: {@code /domain/devices/disk[2]/driver}
 *                for an element, {@code /domain/memory/@dumpCore} for an attribute
 * @param message the text for a person, naming what and where (with line and column when the
 *                definition came from a document)
 */
public record DefinitionWarning(Kind kind, String path, String message) {
    public DefinitionWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }

    /** The categories of warnings. */
    public enum Kind {
        /** An attribute jvirt does not model: kept and written back as given. */
        UNMODELLED_ATTRIBUTE,
        /** An element jvirt does not model: kept whole and written back where it was. */
        UNMODELLED_ELEMENT,
        /** A repeated element of which only the first counts (as in libvirt): the others are dropped. */
        DUPLICATE_DROPPED,
        /** A setting that has no effect and is dropped (as in libvirt), e.g. a vcpupin of a vCPU the domain does not have. */
        SETTING_DROPPED
    }
}
