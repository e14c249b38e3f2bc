package org.jvirt.cli.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into commands and their words, with virsh's rules: blanks separate
 * words; {@code ;} (or a new line) ends a command; {@code #} at the start of a word comments out
 * the rest of the line; single quotes keep everything literally; double quotes keep blanks and
 * {@code ;} but honour backslash escapes; a backslash outside single quotes takes the next
 * character literally. An unterminated quote ends at the end of the text, as in virsh.
 */
public final class CommandStringSplitter {
    private final String text;
    private int pos;

    private CommandStringSplitter(String text) {
        this.text = text;
    }

    /** The commands of {@code text}; empty commands (blank, comment, {@code ;;}) are dropped. */
    public static List<List<String>> split(String text) {
        return new CommandStringSplitter(text).commands();
    }

    private List<List<String>> commands() {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (atEnd()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == ';' || c == '\n') {
                pos++;
                current = flush(commands, current);
            } else if (c == '#') {
                skipComment();
            } else {
                current.add(word());
            }
        }
        flush(commands, current);
        return commands;
    }

    private static List<String> flush(List<List<String>> commands, List<String> current) {
        if (!current.isEmpty()) {
            commands.add(List.copyOf(current));
        }
        return new ArrayList<>();
    }

    private String word() {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (quote == '\'') {
                pos++;
                if (c == '\'') {
                    quote = 0;
                } else {
                    out.append(c);
                }
                continue;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                out.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (quote == '"') {
                pos++;
                if (c == '"') {
                    quote = 0;
                } else {
                    out.append(c);
                }
                continue;
            }
            if (isBlank(c) || c == ';' || c == '\n') {
                break;
            }
            pos++;
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c != '\\') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void skipComment() {
        while (!atEnd() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private boolean atEnd() {
        return pos >= text.length();
    }
}
