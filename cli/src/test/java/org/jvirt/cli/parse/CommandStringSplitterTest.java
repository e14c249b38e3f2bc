package org.jvirt.cli.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandStringSplitterTest {
    @Test
    void semicolonsAndNewLinesSeparateCommandsAndEmptyOnesVanish() {
        assertThat(CommandStringSplitter.split("list --all; vcpupin test;;uri ; ;\nhostname"))
                .containsExactly(List.of("list", "--all"), List.of("vcpupin", "test"), List.of("uri"),
                        List.of("hostname"));
    }

    @Test
    void quotesAndBackslashesAsVirsh() {
        assertThat(CommandStringSplitter.split("echo \"a;b\" 'c;d' e\\;f a\\ b \"x\\\"y\" 'q\\r' ab'c d'e"))
                .containsExactly(List.of("echo", "a;b", "c;d", "e;f", "a b", "x\"y", "q\\r", "abc de"));
    }

    @Test
    void aHashStartsACommentOnlyAtTheStartOfAWord() {
        assertThat(CommandStringSplitter.split("echo a#b #c ; d\nuri # x"))
                .containsExactly(List.of("echo", "a#b"), List.of("uri"));
    }

    @Test
    void unterminatedQuoteEndsAtTheEnd() {
        assertThat(CommandStringSplitter.split("echo 'abc def")).containsExactly(List.of("echo", "abc def"));
        assertThat(CommandStringSplitter.split("echo \"abc")).containsExactly(List.of("echo", "abc"));
    }

    @Test
    void emptyQuotedWordIsKeptAndSemicolonEndsAWord() {
        assertThat(CommandStringSplitter.split("echo '' x;uri")).containsExactly(List.of("echo", "", "x"),
                List.of("uri"));
    }

    @Test
    void blankAndCommentOnlyTextHasNoCommand() {
        assertThat(CommandStringSplitter.split("   \t ")).isEmpty();
        assertThat(CommandStringSplitter.split("# nothing; uri")).isEmpty();
        assertThat(CommandStringSplitter.split("")).isEmpty();
    }

    @Test
    void aTrailingBackslashIsDropped() {
        assertThat(CommandStringSplitter.split("echo a\\")).containsExactly(List.of("echo", "a"));
    }
}
