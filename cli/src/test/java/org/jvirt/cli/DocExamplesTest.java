package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/jvirsh.md shows only what jvirsh prints. Every code block of it is one of:
 * <ul>
 * <li>an example, {@code $ jvirsh ARGS} and what the terminal then shows (stdout and stderr in
 * the order printed): run here against the test driver and compared line by line, a line
 * {@code ...} standing for any number of lines; the fixture files (d1.xml, ...) are given by
 * name, an {@code .svg} file lands in a temporary directory;</li>
 * <li>after {@code <!-- golden: NAME -->}, the same from a golden file of {@link GoldenTest} or
 * {@link PinCheckTest} (examples that need scripted events or a fake kernel);</li>
 * <li>after {@code <!-- file: NAME -->}, a fixture's text, equal to {@code xml/NAME}.</li>
 * </ul>
 * Any other block fails the test.
 */
class DocExamplesTest {
    private static final Path DOC = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/jvirsh.md");
    private static final Pattern MARKER = Pattern.compile("<!-- (golden|file): ([\\w.-]+) -->");
    private static final Pattern FIXTURE = Pattern.compile("(?<![\\w/.-])(\\w+\\.xml)\\b");
    private static final Pattern OUTPUT_FILE = Pattern.compile("(?<![\\w/.-])([\\w-]+\\.svg)\\b");

    /** One fenced block: where it starts, the marker before it, its lines. */
    record Block(int line, Optional<String[]> marker, List<String> lines) {
        @Override
        public String toString() {
            return "docs/jvirsh.md:" + line + (lines.isEmpty() ? "" : " " + lines.get(0));
        }
    }

    static Stream<Block> blocks() throws IOException {
        List<String> doc = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        String lastText = "";
        for (int i = 0; i < doc.size(); i++) {
            String line = doc.get(i);
            if (!line.startsWith("```")) {
                if (!line.isBlank()) {
                    lastText = line.strip();
                }
                continue;
            }
            int start = i + 1;
            List<String> body = new ArrayList<>();
            for (i = i + 1; i < doc.size() && !doc.get(i).startsWith("```"); i++) {
                body.add(doc.get(i));
            }
            Matcher m = MARKER.matcher(lastText);
            out.add(new Block(start, m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty(),
                    body));
            lastText = "";
        }
        return out.stream();
    }

    @Test
    void theDocHasExamples() throws IOException {
        assertThat(blocks().filter(b -> b.marker().isEmpty()).count()).isGreaterThan(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyBlockIsTrue(Block block, @TempDir Path tmp) throws IOException {
        if (block.marker().isPresent() && block.marker().get()[0].equals("file")) {
            String fixture = Files.readString(GoldenFiles.xmlDir().resolve(block.marker().get()[1]));
            assertThat(String.join("\n", block.lines()).strip()).as(block.toString()).isEqualTo(fixture.strip());
            return;
        }
        if (block.lines().isEmpty() || !block.lines().get(0).startsWith("$ jvirsh")) {
            fail(block + ": a code block that shows neither an example ($ jvirsh ...) nor a marked golden file or "
                    + "fixture; no test would check it");
        }
        List<String> expected = block.lines().subList(1, block.lines().size());
        String actual;
        if (block.marker().isPresent()) {
            String name = block.marker().get()[1];
            actual = golden(name, block.lines().get(0));
        } else {
            actual = run(block.lines().get(0), tmp);
        }
        match(block, expected, List.of(actual.split("\n", -1)));
    }

    /** Runs the example's command line against the test driver; the terminal's text. */
    private static String run(String commandLine, Path tmp) {
        String xml = GoldenFiles.xmlDir().toString();
        List<String> words = ShellWords.split(commandLine.substring(2));
        String[] args = words.subList(1, words.size()).stream()
                .map(w -> FIXTURE.matcher(w).replaceAll(Matcher.quoteReplacement(xml) + "/$1"))
                .map(w -> OUTPUT_FILE.matcher(w).replaceAll(Matcher.quoteReplacement(tmp.toString()) + "/$1"))
                .toArray(String[]::new);
        String text = new JvirshHarness().runInterleaved(args);
        return text.replace(xml + "/", "").replace(tmp + "/", "");
    }

    /** The golden file's stdout then stderr; the command line must be the golden case's. */
    private static String golden(String name, String commandLine) {
        String text = GoldenFiles.read(name).replace("@XML@/", "");
        int err = text.indexOf("\n@@ stderr\n");
        int status = text.lastIndexOf("\n@@ status ");
        String out = text.substring(0, err) + text.substring(err + "\n@@ stderr\n".length(), status);
        List<String> args = GoldenTest.argsOf(name).orElseGet(() -> PinCheckTest.argsOf(name)
                .orElseGet(() -> fail("no golden case " + name)));
        assertThat(ShellWords.split(commandLine.substring(2)).subList(1, ShellWords.split(commandLine.substring(2)).size()))
                .as("the command line of golden case %s", name)
                .isEqualTo(args.stream().map(a -> a.replace("@XML@/", "")).toList());
        return out;
    }

    /** Line by line (trailing blanks ignored, the last blank lines too); {@code ...} stands for any lines. */
    private static void match(Block block, List<String> expected, List<String> actual) {
        List<String> want = trim(expected);
        List<String> got = trim(actual);
        if (!matches(want, 0, got, 0)) {
            fail(block + " does not show what jvirsh prints.\n--- the doc:\n" + String.join("\n", want)
                    + "\n--- jvirsh:\n" + String.join("\n", got));
        }
    }

    private static boolean matches(List<String> want, int w, List<String> got, int g) {
        if (w == want.size()) {
            return g == got.size();
        }
        if (want.get(w).equals("...")) {
            for (int skip = g; skip <= got.size(); skip++) {
                if (matches(want, w + 1, got, skip)) {
                    return true;
                }
            }
            return false;
        }
        return g < got.size() && want.get(w).equals(got.get(g)) && matches(want, w + 1, got, g + 1);
    }

    private static List<String> trim(List<String> lines) {
        List<String> out = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Words of a command line as a POSIX shell splits them (blanks, single and double quotes). */
    static final class ShellWords {
        private ShellWords() {
        }

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean inWord = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"' && i + 1 < line.length()
                            && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        cur.append(line.charAt(++i));
                    } else {
                        cur.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    inWord = true;
                } else if (c == ' ') {
                    if (inWord) {
                        words.add(cur.toString());
                        cur.setLength(0);
                        inWord = false;
                    }
                } else {
                    cur.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(cur.toString());
            }
            return words;
        }
    }
}
