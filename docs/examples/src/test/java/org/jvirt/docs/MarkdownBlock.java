package org.jvirt.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fenced code block of a Markdown file: its language, where it starts and its text. */
record MarkdownBlock(Path file, int line, String language, String code) {
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
            String language = info.isEmpty() ? "" : info.split("\\s+")[0];
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                code.append(lines.get(j)).append('\n');
                j++;
            }
            if (j == lines.size()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": code block is never closed");
            }
            blocks.add(new MarkdownBlock(file, i + 1, language, code.toString()));
            i = j;
        }
        return blocks;
    }

    /** {@code docs/api.md:98}, relative to {@code root}. */
    String where(Path root) {
        return root.relativize(file) + ":" + line;
    }
}
