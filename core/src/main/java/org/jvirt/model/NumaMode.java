package org.jvirt.model;

/** {@code mode} of {@code <numatune><memory>} and {@code <memnode>}. */
public enum NumaMode {
    STRICT("strict"),
    PREFERRED("preferred"),
    INTERLEAVE("interleave"),
    RESTRICTIVE("restrictive");

    private final String xml;

    NumaMode(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    public static NumaMode fromXml(String word) {
        for (NumaMode m : values()) {
            if (m.xml.equals(word)) {
                return m;
            }
        }
        return null;
    }
}
