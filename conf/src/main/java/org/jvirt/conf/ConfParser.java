package org.jvirt.conf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-pass parser for libvirt's conf syntax (the grammar of libvirt's {@code virconf.c}, read
 * in libvirt's source, minus its Xen/VMX/LXC dialects), strict where libvirt is silent:
 *
 * <pre>
 * file       = { blank | EOL | comment | statement separator }
 * statement  = key blank* '=' blank* value blank* [ comment ]
 * separator  = EOL | ';' | end of input
 * key        = letter { letter | digit | '_' }            (ASCII; as libvirt, no leading '_')
 * value      = string | integer | list
 * string     = '"' { any char but '"' and EOL } '"'
 *            | "'" { any char but "'" and EOL } "'"
 *            | '"""' { any char, EOL included } '"""'
 * integer    = [ '+' | '-' ] digit { digit }                (must fit a signed 64-bit long)
 * list       = '[' { ws } [ scalar { ws } { ',' { ws } scalar { ws } } [ ',' { ws } ] ] ']'
 * scalar     = string | integer                             (lists do not nest)
 * ws         = blank | EOL | comment                         (lists may span lines)
 * comment    = '#' { any char but EOL }
 * blank      = ' ' | '\t';  EOL = '\n' | '\r'
 * </pre>
 *
 * <p>As in libvirt there are <em>no escape sequences</em>: a backslash is an ordinary character
 * and a string ends at the first matching quote; use the other quote character (or
 * {@code """}) for a string containing one. Where jvirt is stricter than libvirt: an integer
 * that overflows 64 bits, a control character inside a string, a nested list and a key given
 * twice are errors (libvirt wraps the number, accepts the rest and silently uses the
 * <em>first</em> of two equal keys). Comments inside lists are accepted (libvirt rejects them).
 *
 * <p>Every error names the file, the 1-based line and column, what was found and what was
 * expected. Input is bounded by {@link #MAX_CHARS}.
 */
public final class ConfParser {
    /** Same bound as libvirt's conf reader (10 MiB). */
    public static final int MAX_CHARS = 10 * 1024 * 1024;

    private final String text;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;

    private ConfParser(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /**
     * Parses {@code text}; {@code file} names it in messages.
     *
     * @throws ConfException on any syntax error, or when the text exceeds {@link #MAX_CHARS}
     */
    public static List<ConfEntry> parse(String text, String file) {
        if (text == null) {
            throw new ConfException(file, 0, 0, "no text to parse");
        }
        if (text.length() > MAX_CHARS) {
            throw new ConfException(file, 0, 0,
                    "file too large: " + text.length() + " characters, the limit is " + MAX_CHARS);
        }
        return new ConfParser(text, file).file();
    }

    private List<ConfEntry> file() {
        List<ConfEntry> entries = new ArrayList<>();
        Map<String, ConfEntry> seen = new HashMap<>();
        if (!atEnd() && peek() == '\uFEFF') {
            pos++; // a UTF-8 byte order mark is not content
            lineStart = pos;
        }
        while (true) {
            skipBlanksEolsAndComments();
            if (atEnd()) {
                return entries;
            }
            ConfEntry entry = statement();
            ConfEntry first = seen.putIfAbsent(entry.key(), entry);
            if (first != null) {
                throw new ConfException(file, entry.line(), entry.column(), "duplicate key '" + entry.key()
                        + "' (already set at line " + first.line() + "); give each key once");
            }
            entries.add(entry);
            separator();
        }
    }

    private ConfEntry statement() {
        int keyLine = line;
        int keyColumn = column();
        String key = key();
        int afterKey = pos;
        skipBlanks();
        if (atEnd() || peek() != '=') {
            boolean glued = pos == afterKey && !atEnd() && !isEol(peek()) && peek() != '#' && peek() != ';';
            throw error("expected '=' after key '" + key + "', got " + found()
                    + (glued ? " (keys may contain only letters, digits and '_')" : ""));
        }
        pos++;
        skipBlanks();
        ConfValue value = value(false);
        return new ConfEntry(key, value, keyLine, keyColumn);
    }

    private String key() {
        if (atEnd() || !isLetter(peek())) {
            throw error("expected a key (a letter, then letters, digits or '_'), got " + found());
        }
        int start = pos;
        while (!atEnd() && isKeyTail(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** After a statement: blanks, an optional comment, then end of line, ';' or end of input. */
    private void separator() {
        skipBlanks();
        if (!atEnd() && peek() == '#') {
            skipComment();
        }
        if (atEnd()) {
            return;
        }
        char c = peek();
        if (isEol(c)) {
            eol();
        } else if (c == ';') {
            pos++;
        } else {
            throw error("unexpected " + found() + " after the value; expected the end of the line, ';' or a '#' comment");
        }
    }

    private ConfValue value(boolean inList) {
        if (atEnd() || isEol(peek()) || peek() == '#') {
            throw error("expected a value (\"string\", 'string', integer or [list]), got " + found());
        }
        char c = peek();
        if (c == '"' || c == '\'') {
            return string();
        }
        if (c == '[') {
            if (inList) {
                throw error("lists cannot contain lists; expected a string or an integer");
            }
            return list();
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return integer();
        }
        String hint = isLetter(c) ? " (strings need quotes; booleans are written 0 or 1)" : "";
        throw error("expected a value (\"string\", 'string', integer or [list]), got " + found() + hint);
    }

    private ConfValue.Str string() {
        int startLine = line;
        int startColumn = column();
        if (text.startsWith("\"\"\"", pos)) {
            return tripleQuoted(startLine, startColumn);
        }
        char quote = peek();
        pos++;
        int start = pos;
        while (!atEnd() && peek() != quote && !isEol(peek())) {
            checkStringChar();
            pos++;
        }
        if (atEnd() || peek() != quote) {
            throw error("unterminated string: missing the closing " + quote + " of the string opened at "
                    + startLine + ":" + startColumn + " (strings cannot span lines; use \"\"\"...\"\"\")");
        }
        String value = text.substring(start, pos);
        pos++;
        return new ConfValue.Str(value, startLine, startColumn);
    }

    private ConfValue.Str tripleQuoted(int startLine, int startColumn) {
        pos += 3;
        int start = pos;
        while (!atEnd() && !text.startsWith("\"\"\"", pos)) {
            if (peek() == '\n') {
                pos++;
                newLine();
            } else {
                if (peek() != '\r') {
                    checkStringChar();
                }
                pos++;
            }
        }
        if (atEnd()) {
            throw error("unterminated string: missing the closing \"\"\" of the string opened at "
                    + startLine + ":" + startColumn);
        }
        String value = text.substring(start, pos);
        pos += 3;
        return new ConfValue.Str(value, startLine, startColumn);
    }

    private void checkStringChar() {
        char c = peek();
        if (c != '\t' && Character.isISOControl(c)) {
            throw error(String.format("control character U+%04X inside a string", (int) c));
        }
    }

    private ConfValue.Int integer() {
        int startLine = line;
        int startColumn = column();
        int startPos = pos;
        boolean negative = peek() == '-';
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        if (atEnd() || !isDigit(peek())) {
            throw error("expected a digit after the sign, got " + found());
        }
        long value = 0; // accumulated negatively so that Long.MIN_VALUE fits
        boolean overflow = false;
        while (!atEnd() && isDigit(peek())) {
            int digit = peek() - '0';
            if (!overflow) {
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 - digit;
                }
            }
            pos++;
        }
        if (!overflow && !negative && value == Long.MIN_VALUE) {
            overflow = true;
        }
        if (overflow) {
            throw new ConfException(file, startLine, startColumn, "integer " + shorten(text.substring(startPos, pos))
                    + " is out of range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")");
        }
        return new ConfValue.Int(negative ? value : -value, startLine, startColumn);
    }

    private ConfValue.Lst list() {
        int startLine = line;
        int startColumn = column();
        pos++; // '['
        List<ConfValue> items = new ArrayList<>();
        skipBlanksEolsAndComments();
        boolean needComma = false;
        while (true) {
            if (atEnd()) {
                throw error("unterminated list: missing the ']' of the list opened at " + startLine + ":"
                        + startColumn);
            }
            char c = peek();
            if (c == ']') {
                pos++;
                return new ConfValue.Lst(items, startLine, startColumn);
            }
            if (needComma) {
                if (c != ',') {
                    throw error("expected ',' or ']' in the list opened at " + startLine + ":" + startColumn
                            + ", got " + found());
                }
                pos++;
                needComma = false;
            } else {
                if (c == ',') {
                    throw error("expected a list item (\"string\", 'string' or integer), got ','");
                }
                items.add(value(true));
                needComma = true;
            }
            skipBlanksEolsAndComments();
        }
    }

    // ------------------------------------------------------------------ lexical helpers

    private void skipBlanksEolsAndComments() {
        while (!atEnd()) {
            char c = peek();
            if (isBlank(c)) {
                pos++;
            } else if (isEol(c)) {
                eol();
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(peek())) {
            pos++;
        }
    }

    private void skipComment() {
        while (!atEnd() && !isEol(peek())) {
            pos++;
        }
    }

    /** Consumes one end-of-line character; lines are counted at '\n' ("\r\n" is one line end). */
    private void eol() {
        char c = peek();
        pos++;
        if (c == '\n') {
            newLine();
        }
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private String found() {
        if (atEnd()) {
            return "the end of the file";
        }
        char c = peek();
        if (isEol(c)) {
            return "the end of the line";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT) {
            return String.format("character U+%04X", (int) c);
        }
        return "'" + (Character.isHighSurrogate(c) && pos + 1 < text.length()
                ? text.substring(pos, pos + 2) : String.valueOf(c)) + "'";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private ConfException error(String detail) {
        return new ConfException(file, line, column(), detail);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isKeyTail(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isEol(char c) {
        return c == '\n' || c == '\r';
    }
}
