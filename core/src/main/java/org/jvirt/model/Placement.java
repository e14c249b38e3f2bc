package org.jvirt.model;

/** {@code placement} of {@code <vcpu>} and {@code <numatune><memory>}. */
public enum Placement {
    STATIC("static"),
    AUTO("auto");

    private final String xml;

    Placement(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    /** The constant for an XML word, or {@code null}. */
    public static Placement fromXml(String word) {
        for (Placement p : values()) {
            if (p.xml.equals(word)) {
                return p;
            }
        }
        return null;
    }
}
