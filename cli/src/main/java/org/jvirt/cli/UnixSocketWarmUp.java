package org.jvirt.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;

import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.parse.CommandStringSplitter;

/**
 * Sets up the JDK's Unix-domain sockets on a thread of its own while jvirsh reads its
 * configuration and opens the driver. The JDK seeds a {@code SecureRandom} the first time a Unix
 * socket is made (for names of temporary sockets that jvirsh never makes), which reads the
 * security properties and sets up the first security provider: 10-20 ms of a one-shot command on
 * a 2-CPU host, which waits for nothing else. bin/jvirsh says when ({@value #PROPERTY}):
 * {@value #FIRST_THING} when the connection opens a Unix socket first thing (through jvirtd, or a
 * remote URI over one), {@value #FOR_A_DOMAIN} when the driver runs in this process and opens one
 * for a command on a domain (qemu:///system: a running domain's QEMU monitor, a started one's);
 * a command that never opens one does not pay for it on the second CPU.
 */
final class UnixSocketWarmUp implements Runnable {
    static final String PROPERTY = "jvirsh.opensUnixSocket";
    static final String FIRST_THING = "true";
    static final String FOR_A_DOMAIN = "domain";
    /** The option by which a command names the domain it acts on. */
    private static final String DOMAIN_OPTION = "domain";

    private UnixSocketWarmUp() {
    }

    /** Starts the set-up when the launcher said {@value #FIRST_THING}; first thing in the process. */
    static void startIfAsked() {
        if (FIRST_THING.equals(System.getProperty(PROPERTY))) {
            start();
        }
    }

    /**
     * Starts the set-up when the launcher said {@value #FOR_A_DOMAIN} and a command of
     * {@code args} acts on a domain ({@link #actsOnADomain}); as soon as the commands are known.
     */
    static void startIfACommandActsOnADomain(String[] args, CommandRegistry registry) {
        if (FOR_A_DOMAIN.equals(System.getProperty(PROPERTY)) && actsOnADomain(args, registry)) {
            start();
        }
    }

    /**
     * Whether jvirsh's command line {@code args} runs a command that names a domain (one with a
     * {@value #DOMAIN_OPTION} option: {@code start}, {@code setvcpus}, {@code dominfo}, ...). No
     * command (a shell), bad options or only unknown commands: false (nothing is run then, or the
     * user's first command decides, too late to gain from a set-up beside it).
     */
    static boolean actsOnADomain(String[] args, CommandRegistry registry) {
        List<String> command;
        try {
            command = GlobalOptions.parse(args).command();
        } catch (GlobalOptions.UsageException e) {
            return false;
        }
        if (command.isEmpty()) {
            return false;
        }
        // as Jvirsh.run: one word is a command string (commands separated by ';'), more are one command
        List<List<String>> commands = command.size() == 1 ? CommandStringSplitter.split(command.get(0))
                : List.of(command);
        for (List<String> words : commands) {
            Optional<CommandSpec> spec = words.isEmpty() ? Optional.empty() : registry.find(words.get(0));
            if (spec.isPresent() && spec.get().option(DOMAIN_OPTION).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static void start() {
        Thread t = new Thread(new UnixSocketWarmUp(), "jvirsh-unix-socket-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try (SocketChannel unused = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // made and closed: what was wanted is the JDK's set-up behind it
        } catch (IOException | UnsupportedOperationException e) {
            // the connection's own socket reports what is wrong
        }
    }
}
