package org.jvirt.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The code and the docs cite only the repository's own docs/, by file and heading:
 * {@code docs/pinning.md#which-cpus-a-thread-gets} in a comment, {@code [text](pinning.md#cpu-sets)}
 * in a page. Every cited file and heading must exist (anchors as GitHub makes them from a
 * heading), and nothing cites the team's design notes, which a reader of the repository does not
 * have.
 */
class DocCitationsTest {
    /** A citation in code or a page: {@code docs/FILE.md} with an optional {@code #anchor}. */
    private static final Pattern DOCS_CITATION = Pattern.compile("\\bdocs/([A-Za-z0-9_/.-]+\\.md)(#[A-Za-z0-9_-]+)?");
    /** A link of a page: {@code ](FILE.md#anchor)}, {@code ](#anchor)}. */
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([A-Za-z0-9_/.-]*\\.md)?(#[A-Za-z0-9_-]+)?\\)");
    /** The team's design notes, named as they were cited ("PINNING.md 4.1", "QEMU.md 7"). */
    private static final Pattern DESIGN_NOTE = Pattern.compile(
            "\\b(PINNING|QEMU|LXC|ARCHITECTURE|REMOTE|STYLE)\\.md\\b|shared/design");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    /**
     * Pages cited before they are merged: docs/jvirtd.md is written on the jvirtd branch, whose
     * code citing it is in main already. Checked like any page once it exists.
     */
    private static final Set<String> PENDING = Set.of("docs/jvirtd.md");

    private static final Path ROOT = repositoryRoot();

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("docs")) && Files.isDirectory(p.resolve("core")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** The anchor GitHub gives a heading: lower case, markup and punctuation dropped, blanks as '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-');
    }

    /** The anchors of one Markdown file (a repeated heading gets -1, -2, ... as on GitHub). */
    static Set<String> anchors(Path md) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines(md)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                String s = slug(m.group(1));
                int n = seen.merge(s, 1, Integer::sum);
                out.add(n == 1 ? s : s + "-" + (n - 1));
            }
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the repository a reader sees: sources, resources, pages; no build output. */
    private static List<Path> repositoryFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String rel = ROOT.relativize(p).toString();
                return !rel.startsWith(".") && !rel.contains("/target/") && !rel.startsWith("target/")
                        && !rel.contains("/.") && !rel.endsWith(".jar") && !rel.endsWith(".class");
            }).toList();
        }
    }

    private static Optional<String> broken(Path docsFile, String anchor, Map<Path, Set<String>> cache) {
        if (!Files.isRegularFile(docsFile)) {
            String rel = ROOT.relativize(docsFile.normalize()).toString();
            return PENDING.contains(rel) ? Optional.empty() : Optional.of("no such file " + rel);
        }
        if (anchor == null) {
            return Optional.empty();
        }
        Set<String> known = cache.computeIfAbsent(docsFile.normalize(), DocCitationsTest::anchors);
        return known.contains(anchor.substring(1)) ? Optional.empty()
                : Optional.of("no heading " + anchor + " in " + ROOT.relativize(docsFile) + " (it has " + known + ")");
    }

    @Test
    void everyCitedDocAndHeadingExistsAndNoDesignNoteIsCited() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> cache = new HashMap<>();
        int citations = 0;
        for (Path f : repositoryFiles()) {
            String rel = ROOT.relativize(f).toString();
            if (rel.equals("core/src/test/java/org/jvirt/docs/DocCitationsTest.java")) {
                continue;
            }
            List<String> text = lines(f);
            for (int i = 0; i < text.size(); i++) {
                String line = text.get(i);
                String where = rel + ":" + (i + 1) + ": ";
                if (DESIGN_NOTE.matcher(line).find()) {
                    problems.add(where + "cites a design note the repository does not have: " + line.strip());
                }
                Matcher c = DOCS_CITATION.matcher(line);
                while (c.find()) {
                    citations++;
                    broken(ROOT.resolve("docs").resolve(c.group(1)), c.group(2), cache)
                            .ifPresent(p -> problems.add(where + p));
                }
                if (rel.endsWith(".md")) {
                    Matcher l = MD_LINK.matcher(line);
                    while (l.find()) {
                        if (l.group(1) == null && l.group(2) == null) {
                            continue;
                        }
                        citations++;
                        Path target = l.group(1) == null ? f : f.getParent().resolve(l.group(1));
                        broken(target, l.group(2), cache).ifPresent(p -> problems.add(where + p));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(citations).as("citations checked").isGreaterThan(50);
    }

    @Test
    void anchorsAreMadeAsGithubMakesThem() {
        assertThat(slug("placement='auto' and numad")).isEqualTo("placementauto-and-numad");
        assertThat(slug("Pins: `vcpupin`, `emulatorpin`, `iothreadpin`")).isEqualTo("pins-vcpupin-emulatorpin-iothreadpin");
        assertThat(slug("Files on disk (`org.jvirt.state`)")).isEqualTo("files-on-disk-orgjvirtstate");
        assertThat(slug("The [pinning](pinning.md) rules")).isEqualTo("the-pinning-rules");
    }
}
