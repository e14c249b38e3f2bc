package org.jvirt.conf;

/** The type a documented key must have; see {@link ConfFile#check}. */
public enum ConfType {
    STRING,
    INTEGER,
    /** The integer 0 or 1. */
    BOOLEAN,
    STRING_LIST
}
