package org.jvirt.cli.parse;

/**
 * A command line that cannot be bound to a command (unknown command or option, missing
 * required option, extra data). As in virsh, it stops the whole command list before anything
 * runs. The message is virsh's wording without the {@code error: } prefix.
 */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParseException(String message) {
        super(message);
    }
}
