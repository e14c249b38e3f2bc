package org.jvirt.cli.shell;

import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab in the interactive shell: {@link Completions} for JLine. Completion never prints errors. */
public final class JvirshCompleter implements Completer {
    private final Completions completions;

    public JvirshCompleter(Completions completions) {
        this.completions = completions;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        for (String c : completions.candidates(line.words().subList(0, line.wordIndex()), current)) {
            candidates.add(new Candidate(c));
        }
    }
}
