package org.jvirt.cli.shell;

import java.util.List;
import java.util.Optional;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.parse.OptionSpec;

/**
 * Tab completion: the first word of a command completes to command names; later words to the
 * command's options, and to domain names when the command takes a domain and a connection is
 * (or can be) open. Completion never prints errors.
 */
public final class JvirshCompleter implements Completer {
    private final CommandRegistry registry;
    private final Session session;

    public JvirshCompleter(CommandRegistry registry, Session session) {
        this.registry = registry;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = currentCommand(line.words().subList(0, line.wordIndex()));
        if (words.isEmpty()) {
            registry.all().forEach(c -> candidates.add(new Candidate(c.name())));
            return;
        }
        Optional<CommandSpec> spec = registry.find(words.get(0));
        if (spec.isEmpty()) {
            return;
        }
        for (OptionSpec o : spec.get().options()) {
            if (o.kind() != OptionSpec.Kind.ARGV && !words.contains("--" + o.name())) {
                candidates.add(new Candidate("--" + o.name()));
            }
        }
        if (spec.get().option("domain").isPresent()) {
            domainNames().forEach(n -> candidates.add(new Candidate(n)));
        }
    }

    /** The words after the last {@code ;}. */
    static List<String> currentCommand(List<String> before) {
        int start = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).equals(";")) {
                start = i + 1;
            }
        }
        return before.subList(start, before.size());
    }

    private List<String> domainNames() {
        try {
            Connection conn = session.connection();
            return conn.listDomains().stream().map(Domain::name).sorted().toList();
        } catch (RuntimeException e) {
            return List.of(); // no connection: nothing to offer
        }
    }
}
