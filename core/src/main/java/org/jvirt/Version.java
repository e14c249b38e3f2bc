package org.jvirt;

/** A version number {@code major.minor.micro}. */
public record Version(int major, int minor, int micro) {
    /** This library's version. */
    public static final Version JVIRT = new Version(0, 1, 0);

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
