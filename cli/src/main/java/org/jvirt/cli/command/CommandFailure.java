package org.jvirt.cli.command;

import java.util.List;

/**
 * A command failed: each message is printed as {@code error: <message>} and the command's
 * exit status is {@code status} (1, or 2 for pincheck's drift). No messages means a silent
 * failure (virsh's {@code event} that received nothing).
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> messages;
    private final int status;

    public CommandFailure(int status, List<String> messages) {
        super(String.join("; ", messages));
        this.status = status;
        this.messages = List.copyOf(messages);
    }

    public static CommandFailure of(String... messages) {
        return new CommandFailure(1, List.of(messages));
    }

    public List<String> messages() {
        return messages;
    }

    public int status() {
        return status;
    }
}
