package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell through a real pseudo-terminal (tmux): the prompt, each command's output
 * before the next prompt, Tab completion of commands, options and domain names, history (recalled
 * and kept across sessions), Ctrl-C dropping a line or interrupting a wait, Ctrl-D leaving.
 */
class InteractiveTerminalTest {
    private static final String PROMPT = "jvirsh #";

    @TempDir
    Path dir;

    @BeforeAll
    @AfterAll
    static void sweep() {
        TmuxTerminal.sweepLeftovers();
    }

    private TmuxTerminal shell() {
        TmuxTerminal t = TmuxTerminal.start(dir, dir.resolve("cache"), "-c", "test:///default");
        t.awaitEnd("Type:  'help' for help with commands", "       'quit' to quit", "", PROMPT);
        return t;
    }

    @Test
    void eachCommandsOutputComesBeforeTheNextPrompt() {
        try (TmuxTerminal t = shell()) {
            t.type("list --all").press("Enter");
            t.awaitEnd(PROMPT + " list --all", " Id   Name   State", "----------------------",
                    " 1    test   running", "", PROMPT);
            t.type("vcpupin test").press("Enter");
            t.awaitEnd(" 0      0-7", " 1      0-7", "", PROMPT);
            t.type("domstate nosuch; uri").press("Enter");
            t.awaitEnd(PROMPT + " domstate nosuch; uri", "error: failed to get domain 'nosuch'", "",
                    "test:///default", "", PROMPT);
            t.type("quit").press("Enter");
            assertThat(t.awaitExit()).isZero();
        }
    }

    /**
     * A session leaves nothing in the temporary directory: JLine unpacks its native library there
     * (on JDKs before 22) and deletes it at exit, which jvirsh's halt of a one-shot command skips.
     */
    @Test
    void aSessionLeavesNothingInTheTemporaryDirectory() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (TmuxTerminal t = TmuxTerminal.start(dir, dir.resolve("cache"), List.of("-Djava.io.tmpdir=" + tmp),
                "-c", "test:///default")) {
            t.awaitEnd("Type:  'help' for help with commands", "       'quit' to quit", "", PROMPT);
            t.type("quit").press("Enter");
            assertThat(t.awaitExit()).isZero();
        }
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("files left in %s", tmp).isEmpty();
        }
    }

    @Test
    void tabCompletesCommandsOptionsAndDomainNames() {
        try (TmuxTerminal t = shell()) {
            t.tabThroughVcpupinExplain(PROMPT + " ", "");
            t.awaitEnd(" emulator   0-7            all host CPUs", "", PROMPT);
            t.type("list --ina").press("Tab");
            t.awaitEnd(PROMPT + " list --inactive");
            // "domst" extends to what domstate and domstats share; one more letter makes it unique
            t.press("C-u").type("domst").press("Tab").type("e").press("Tab").type("--dom").press("Tab").type("t").press("Tab");
            t.awaitEnd(PROMPT + " domstate --domain test");
            t.press("Enter");
            t.awaitEnd("running", "", PROMPT);
        }
    }

    @Test
    void historyIsRecalledAndKeptForTheNextSession() throws Exception {
        try (TmuxTerminal t = shell()) {
            t.type("uri").press("Enter");
            t.awaitEnd("test:///default", "", PROMPT);
            t.type("echo one").press("Enter");
            t.awaitEnd(PROMPT + " echo one", "one", PROMPT);
            t.press("Up", "Up");
            t.awaitEnd(PROMPT + " uri");
            t.press("Enter");
            t.awaitEnd(PROMPT + " uri", "test:///default", "", PROMPT);
            t.press("C-d");
            assertThat(t.awaitExit()).isZero();
        }
        Path history = dir.resolve("cache/jvirsh/history");
        assertThat(Files.readString(history)).contains("uri", "echo one");
        Files.delete(dir.resolve("status"));
        try (TmuxTerminal t = shell()) {
            t.press("Up");
            t.awaitEnd(PROMPT + " uri");
            t.press("Up");
            t.awaitEnd(PROMPT + " echo one");
        }
    }

    @Test
    void ctrlCDropsTheLineOrInterruptsAWaitingCommand() {
        try (TmuxTerminal t = shell()) {
            t.type("domstate nosuch");
            t.awaitEnd(PROMPT + " domstate nosuch"); // the terminal drops typed-ahead input at Ctrl-C
            t.press("C-c");
            t.awaitEnd(PROMPT + " domstate nosuch", PROMPT);
            t.type("echo alive").press("Enter");
            String screen = t.awaitEnd(PROMPT + " echo alive", "alive", PROMPT);
            assertThat(screen).doesNotContain("error:");
            t.type("echo waiting; event --all --loop").press("Enter");
            t.awaitEnd(PROMPT + " echo waiting; event --all --loop", "waiting"); // shown while event waits
            t.press("C-c");
            assertThat(t.awaitEnd("event loop interrupted", "events received: 0", "", PROMPT))
                    .contains("event --all --loop\nwaiting\n");
            t.type("uri").press("Enter");
            t.awaitEnd("test:///default", "", PROMPT);
        }
    }

    @Test
    void ctrlDLeavesWithStatusZero() {
        try (TmuxTerminal t = shell()) {
            t.type("domstate nosuch").press("Enter");
            t.awaitEnd("error: failed to get domain 'nosuch'", "", PROMPT);
            t.press("C-d");
            assertThat(t.awaitExit()).isZero();
        }
    }
}
