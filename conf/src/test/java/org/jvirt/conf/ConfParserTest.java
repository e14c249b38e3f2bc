package org.jvirt.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfParserTest {

    private static List<ConfEntry> parse(String text) {
        return ConfParser.parse(text, "t.conf");
    }

    private static ConfValue only(String text) {
        List<ConfEntry> entries = parse(text);
        assertThat(entries).hasSize(1);
        return entries.get(0).value();
    }

    private static ConfException failure(String text) {
        try {
            parse(text);
        } catch (ConfException e) {
            return e;
        }
        throw new AssertionError("parsed without error: " + text);
    }

    // ------------------------------------------------------------------ accepted syntax

    @Test
    void emptyBlankAndCommentOnlyFilesHaveNoEntries() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n\n   \t\n")).isEmpty();
        assertThat(parse("# a comment\n  # another\n#key = 1\n")).isEmpty();
    }

    @Test
    void keysValuesAndPositions() {
        List<ConfEntry> e = parse("# head\nuser = \"root\"\n  max_files=12 # trailing comment\nneg = -7\n");
        assertThat(e).extracting(ConfEntry::key).containsExactly("user", "max_files", "neg");
        assertThat(e.get(0).value()).isEqualTo(new ConfValue.Str("root", 2, 8));
        assertThat(e.get(1).line()).isEqualTo(3);
        assertThat(e.get(1).column()).isEqualTo(3);
        assertThat(e.get(1).value()).isEqualTo(new ConfValue.Int(12, 3, 13));
        assertThat(e.get(2).value()).isEqualTo(new ConfValue.Int(-7, 4, 7));
    }

    @Test
    void keyCharacters() {
        assertThat(parse("a=1\nA_b9_=2\nx1=3").stream().map(ConfEntry::key)).containsExactly("a", "A_b9_", "x1");
    }

    @Test
    void singleQuotedStringsMayContainDoubleQuotesAndViceVersa() {
        assertThat(only("s = 'say \"hi\"'")).isEqualTo(new ConfValue.Str("say \"hi\"", 1, 5));
        assertThat(only("s = \"it's\"")).isEqualTo(new ConfValue.Str("it's", 1, 5));
    }

    @Test
    void backslashesAreOrdinaryCharactersAsInLibvirt() {
        assertThat(((ConfValue.Str) only("s = \"a\\b\\\\c\\n\"")).value()).isEqualTo("a\\b\\\\c\\n");
        // a backslash does not escape the quote: the string ends there, the rest is garbage
        assertThat(failure("s = \"a\\\"b\"").detail()).contains("after the value");
    }

    @Test
    void emptyAndUnicodeStrings() {
        assertThat(((ConfValue.Str) only("s = \"\"")).value()).isEmpty();
        assertThat(((ConfValue.Str) only("s = ''")).value()).isEmpty();
        assertThat(((ConfValue.Str) only("s = \"h\u00e9\u00df \u6f22\"")).value()).isEqualTo("h\u00e9\u00df \u6f22");
        assertThat(((ConfValue.Str) only("s = \"a\tb\"")).value()).isEqualTo("a\tb");
        assertThat(((ConfValue.Str) only("s = \"# not a comment\"")).value()).isEqualTo("# not a comment");
    }

    @Test
    void tripleQuotedStringsSpanLines() {
        List<ConfEntry> e = parse("s = \"\"\"line1\nli\"ne2\"\"\"\nt = 1\n");
        assertThat(((ConfValue.Str) e.get(0).value()).value()).isEqualTo("line1\nli\"ne2");
        assertThat(e.get(1).line()).isEqualTo(3);
    }

    @Test
    void integersAtTheLimits() {
        assertThat(only("n = 9223372036854775807")).isEqualTo(new ConfValue.Int(Long.MAX_VALUE, 1, 5));
        assertThat(only("n = -9223372036854775808")).isEqualTo(new ConfValue.Int(Long.MIN_VALUE, 1, 5));
        assertThat(only("n = +42")).isEqualTo(new ConfValue.Int(42, 1, 5));
        assertThat(only("n = 007")).isEqualTo(new ConfValue.Int(7, 1, 5));
        assertThat(only("n = -0")).isEqualTo(new ConfValue.Int(0, 1, 5));
    }

    @Test
    void listsSpanLinesWithTrailingCommaAndComments() {
        ConfValue v = only("l = [\n  \"a\", # first\n  'b',\n  3,\n]\n");
        assertThat(v).isInstanceOf(ConfValue.Lst.class);
        assertThat(((ConfValue.Lst) v).items()).containsExactly(
                new ConfValue.Str("a", 2, 3), new ConfValue.Str("b", 3, 3), new ConfValue.Int(3, 4, 3));
        assertThat(((ConfValue.Lst) only("l = []")).items()).isEmpty();
        assertThat(((ConfValue.Lst) only("l = [ \n ]")).items()).isEmpty();
        assertThat(((ConfValue.Lst) only("l=[\"x\"]")).items()).hasSize(1);
    }

    @Test
    void semicolonsSeparateStatements() {
        assertThat(parse("a = 1; b = 2 ;c=3;\n").stream().map(ConfEntry::key)).containsExactly("a", "b", "c");
    }

    @Test
    void crlfLineEndingsAndMissingFinalNewline() {
        List<ConfEntry> e = parse("a = 1\r\nb = \"x\"\r\n\r\nc = [ 1,\r\n 2 ]");
        assertThat(e).extracting(ConfEntry::line).containsExactly(1, 2, 4);
        assertThat(((ConfValue.Lst) e.get(2).value()).items()).hasSize(2);
    }

    @Test
    void byteOrderMarkIsIgnored() {
        List<ConfEntry> e = parse("\uFEFFa = 1");
        assertThat(e.get(0).key()).isEqualTo("a");
        assertThat(e.get(0).column()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ rejected syntax

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # input (\\n = newline)           | line | col | message contains
            s = "abc                          | 1    | 9   | unterminated string: missing the closing " of the string opened at 1:5
            s = 'abc\\nt = 1                  | 1    | 9   | unterminated string
            s = "ab\\ncd"                     | 1    | 8   | strings cannot span lines
            s = \"""abc                       | 1    | 11  | missing the closing \"""
            l = [ "a", "b"                    | 1    | 15  | unterminated list: missing the ']' of the list opened at 1:5
            l = [\\n "a",\\n                  | 3    | 1   | unterminated list
            l = [ "a" "b" ]                   | 1    | 11  | expected ',' or ']' in the list opened at 1:5, got '"'
            l = [ , ]                         | 1    | 7   | expected a list item
            l = [ "a",, ]                     | 1    | 11  | expected a list item
            l = [ [ "a" ] ]                   | 1    | 7   | lists cannot contain lists
            l = [ abc ]                       | 1    | 7   | strings need quotes
            _x = 1                            | 1    | 1   | expected a key (a letter, then letters, digits or '_'), got '_'
            1x = 1                            | 1    | 1   | expected a key
            = 1                               | 1    | 1   | expected a key
            bad-key = 1                       | 1    | 4   | expected '=' after key 'bad', got '-' (keys may contain only letters, digits and '_')
            a.b = 1                           | 1    | 2   | keys may contain only letters
            key 1                             | 1    | 5   | expected '=' after key 'key', got '1'
            key                               | 1    | 4   | expected '=' after key 'key', got the end of the file
            key\\n= 1                         | 1    | 4   | got the end of the line
            a = 1\\nkey # c\\n                | 2    | 5   | expected '=' after key 'key', got '#'
            key =                             | 1    | 6   | expected a value ("string", 'string', integer or [list]), got the end of the file
            key = \\n                         | 1    | 7   | got the end of the line
            key = # nothing                   | 1    | 7   | got '#'
            key = yes                         | 1    | 7   | got 'y' (strings need quotes; booleans are written 0 or 1)
            key = true                        | 1    | 7   | booleans are written 0 or 1
            key = -                           | 1    | 8   | expected a digit after the sign, got the end of the file
            key = +x                          | 1    | 8   | expected a digit after the sign, got 'x'
            key = 12abc                       | 1    | 9   | unexpected 'a' after the value; expected the end of the line, ';' or a '#' comment
            key = 0x10                        | 1    | 8   | unexpected 'x' after the value
            key = 1.5                         | 1    | 8   | unexpected '.' after the value
            key = "a" "b"                     | 1    | 11  | unexpected '"' after the value
            key = [1] x                       | 1    | 11  | unexpected 'x' after the value
            a = 1 b = 2                       | 1    | 7   | unexpected 'b' after the value
            key = 9223372036854775808         | 1    | 7   | integer 9223372036854775808 is out of range
            key = -9223372036854775809        | 1    | 7   | integer -9223372036854775809 is out of range
            key = 99999999999999999999999999999999999999999999999999 | 1 | 7 | ... is out of range
            a = 1\\nb = 2\\na = 3             | 3    | 1   | duplicate key 'a' (already set at line 1); give each key once
            """)
    void malformedInputFailsWithPosition(String input, int line, int column, String message) {
        ConfException e = failure(input.replace("\\n", "\n"));
        assertThat(e.file()).isEqualTo("t.conf");
        assertThat(e.detail()).contains(message);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).startsWith("t.conf:" + line + ":" + column + ": ");
    }

    @Test
    void controlCharactersInsideStringsAreRejected() {
        ConfException e = failure("s = \"a\u0000b\"");
        assertThat(e.detail()).isEqualTo("control character U+0000 inside a string");
        assertThat(e.column()).isEqualTo(7);
        assertThat(failure("s = '\u001b[31m'").detail()).contains("U+001B");
    }

    @Test
    void oddCharactersAreNamedByCodePointInMessages() {
        assertThat(failure("\u00a0a = 1").detail()).contains("got character U+00A0");
        assertThat(failure("\u0001").detail()).contains("got character U+0001");
        assertThat(failure("\uD83D\uDE00 = 1").detail()).contains("got '\uD83D\uDE00'");
    }

    @Test
    void nullTextIsAnError() {
        assertThatThrownBy(() -> ConfParser.parse(null, "n.conf")).isInstanceOf(ConfException.class)
                .hasMessage("n.conf: no text to parse");
    }

    @Test
    void hugeInputIsRejectedBeforeParsing() {
        String huge = "#".repeat(ConfParser.MAX_CHARS + 1);
        ConfException e = failure(huge);
        assertThat(e.detail()).startsWith("file too large: " + (ConfParser.MAX_CHARS + 1) + " characters");
        assertThat(e.line()).isZero();
    }

    @Test
    void largeValidInputsParseQuickly() {
        StringBuilder sb = new StringBuilder("big = [\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append("  \"item").append(i).append("\",\n");
        }
        sb.append("]\nlong = \"").append("x".repeat(1_000_000)).append("\"\n");
        long t0 = System.nanoTime();
        List<ConfEntry> e = parse(sb.toString());
        assertThat(((ConfValue.Lst) e.get(0).value()).items()).hasSize(200_000);
        assertThat(((ConfValue.Str) e.get(1).value()).value()).hasSize(1_000_000);
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }

    @Test
    void deeplyBracketedInputDoesNotRecurse() {
        ConfException e = failure("l = " + "[".repeat(100_000));
        assertThat(e.detail()).contains("lists cannot contain lists");
        assertThat(e.column()).isEqualTo(6);
    }

    /** Random printable garbage never escapes as anything but a ConfException (fixed seeds). */
    @Test
    void randomInputOnlyEverFailsWithConfException() {
        String alphabet = "ab_=1-+\"' []#,;\n\r\t.x\u00e9\\";
        for (long seed = 1; seed <= 3000; seed++) {
            java.util.Random r = new java.util.Random(seed);
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String input = sb.toString();
            try {
                parse(input);
            } catch (ConfException expected) {
                assertThat(expected.line()).as("seed %d input %s", seed, input).isPositive();
                assertThat(expected.column()).as("seed %d input %s", seed, input).isPositive();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " input " + escape(input) + ": " + e, e);
            }
        }
    }

    private static String escape(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
