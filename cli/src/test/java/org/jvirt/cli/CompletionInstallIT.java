package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's install step ({@code bin/jvirsh --install BINDIR}) and the bash completion it
 * installs, used as a person uses it: bash on a real terminal (tmux), Tab after a command's
 * first letters, an option's, a domain name's. Into a temporary directory, never the host's.
 */
class CompletionInstallIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final String PROMPT = "$";

    @TempDir
    Path dir;

    @BeforeAll
    @AfterAll
    static void sweep() {
        TmuxTerminal.sweepLeftovers();
    }

    @Test
    void installLinksTheLauncherAndItsCompletionWorksInBash() throws Exception {
        TmuxTerminal.requireTmux();
        Path bin = dir.resolve("bin");
        Path completions = dir.resolve("completions");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/jvirsh").toString(), "--install", bin.toString())
                .redirectErrorStream(true);
        pb.environment().put("JVIRSH_COMPLETION_DIR", completions.toString());
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(said).isZero();
        assertThat(Files.readSymbolicLink(bin.resolve("jvirsh"))).isEqualTo(ROOT.resolve("bin/jvirsh"));
        assertThat(completions.resolve("jvirsh")).hasSameTextualContentAs(ROOT.resolve("bin/jvirsh-completion.bash"));

        String script = "export HISTFILE=/dev/null HOME=" + TmuxTerminal.quote(dir.toString()) + " PS1='$ ' PATH="
                + TmuxTerminal.quote(bin + ":" + System.getenv("PATH")) + "\n"
                + "exec bash --norc --noprofile\n";
        try (TmuxTerminal t = TmuxTerminal.run(dir, script)) {
            t.await("the prompt", s -> s.endsWith(PROMPT));
            t.type(". " + TmuxTerminal.quote(completions.resolve("jvirsh").toString())).press("Enter");
            t.tabThroughVcpupinExplain(PROMPT + " ", "jvirsh -c test:///default ");
            t.awaitEnd(" emulator   0-7            all host CPUs", "", PROMPT);
            t.type("jvirsh -c test:///default list --state-r").press("Tab");
            t.awaitEnd(PROMPT + " jvirsh -c test:///default list --state-running");
            t.press("C-u").type("jvirsh -c test:///default dom").press("Tab").press("Tab");
            String screen = t.await("the commands starting with dom", s -> s.contains("domxml-to-native"));
            for (String c : List.of("domid", "dominfo", "domname", "domstate", "domuuid")) {
                assertThat(screen).contains(c);
            }
        }
    }
}
