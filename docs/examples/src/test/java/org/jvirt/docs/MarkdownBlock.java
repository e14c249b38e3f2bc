package org.jvirt.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fenced code block of a Markdown file: its language, where it starts and its text.
 * {@code compileOnly}: its info string says {@code compile-only} (it needs a host the build does
 * not have, e.g. a remote libvirtd), so it is compiled but not run.
 */
record MarkdownBlock(Path file, int line, String language, String code, boolean compileOnly) {
    /** Every fenced block of {@code file} (``` fences; the info string's first word is the language). */
    static List<MarkdownBlock> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<MarkdownBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i).strip();
            if (!open.startsWith("```")) {
                continue;
            }
            String info = open.substring(3).strip();
            String[] words = info.isEmpty() ? new String[] {""} : info.split("\\s+");
            String language = words[0];
            boolean compileOnly = java.util.Arrays.asList(words).contains("compile-only");
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                code.append(lines.get(j)).append('\n');
                j++;
            }
            if (j == lines.size()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": code block is never closed");
            }
            blocks.add(new MarkdownBlock(file, i + 1, language, code.toString(), compileOnly));
            i = j;
        }
        return blocks;
    }

    /** {@code docs/api.md:98}, relative to {@code root}. */
    String where(Path root) {
        return root.relativize(file) + ":" + line;
    }
}
