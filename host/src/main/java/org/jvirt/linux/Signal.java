package org.jvirt.linux;

/** The POSIX signals jvirt sends, with their Linux numbers. */
public enum Signal {
    HUP(1),
    INT(2),
    KILL(9),
    TERM(15),
    CONT(18),
    STOP(19);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The Linux signal number (x86_64, aarch64). */
    public int number() {
        return number;
    }
}
