package org.jvirt.cli.domain;

import java.util.function.Supplier;

import org.jvirt.Domain;
import org.jvirt.StartOptions;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.command.Unsupported;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;

/**
 * The options {@code start} and {@code create} share with virsh, and what each means in jvirt:
 * {@code --paused} and {@code --autodestroy} (destroyed when the shell ends) as in libvirt;
 * {@code --console} starts the domain, then fails (jvirt has no console to attach to);
 * {@code --pass-fds} fails before starting (jvirt cannot hand this shell's descriptors to the
 * guest); {@code --reset-nvram} starts a domain without NVRAM as usual and fails before starting
 * one with NVRAM (jvirt does not manage NVRAM files).
 */
final class StartFlags {
    private StartFlags() {
    }

    static CommandSpec.Builder console(CommandSpec.Builder b) {
        return b.flag("console", "attach to console after creation")
                .flag("paused", "leave the guest paused after creation")
                .flag("autodestroy", "automatically destroy the guest when virsh disconnects");
    }

    static CommandSpec.Builder passFds(CommandSpec.Builder b) {
        return b.option(OptionSpec.optional("pass-fds", Kind.STRING, "pass file descriptors N,M,... to the guest"));
    }

    static CommandSpec.Builder resetNvram(CommandSpec.Builder b) {
        return b.flag("reset-nvram", "re-initialize NVRAM from its pristine template");
    }

    static StartOptions options(Invocation inv) {
        return inv.flag("paused") ? StartOptions.PAUSED : StartOptions.DEFAULT;
    }

    /**
     * Refuses, before anything starts, what jvirt cannot do; {@code failure} is the command's
     * first error line ({@code Failed to start domain 'x'}).
     *
     * @param xml the definition to start, read only when {@code --reset-nvram} asks about NVRAM
     */
    static void checkBeforeStart(Invocation inv, Supplier<String> xml, String failure) {
        if (inv.string("pass-fds").isPresent()) {
            for (String fd : inv.string("pass-fds").get().split(",", -1)) {
                if (!fd.matches("-?\\d{1,9}")) {
                    throw CommandFailure.of("Unable to parse FD number '" + fd + "'");
                }
            }
            throw failed(failure, Unsupported.of("passing file descriptors to the guest (--pass-fds): a jvirt "
                    + "domain's processes are started without this shell's descriptors"));
        }
        if (inv.flag("reset-nvram") && XmlQuery.of(xml.get()).has("/domain/os/nvram")) {
            throw failed(failure, Unsupported.of("re-initializing NVRAM (--reset-nvram): jvirt does not manage "
                    + "NVRAM files; copy the template over the domain's NVRAM file yourself"));
        }
    }

    /** After the start: what --autodestroy and --console ask for. */
    static void afterStart(Invocation inv, Domain d) {
        if (inv.flag("autodestroy")) {
            inv.session().destroyAtEnd(d);
        }
        if (inv.flag("console")) {
            throw Unsupported.of("console (--console): jvirt domains have no console to attach to");
        }
    }

    private static CommandFailure failed(String failure, RuntimeException cause) {
        return CommandFailure.of(failure, cause.getMessage());
    }
}
