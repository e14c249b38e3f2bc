package org.jvirt.cli.command;

/**
 * What a command does. It prints through the invocation's output and reports failure by
 * throwing {@link CommandFailure} or {@link org.jvirt.error.VirtException}.
 */
@FunctionalInterface
public interface Handler {
    void run(Invocation inv);
}
