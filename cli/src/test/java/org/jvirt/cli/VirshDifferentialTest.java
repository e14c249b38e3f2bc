package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same command stream on standard input to libvirt's {@code virsh -c test:///default} and
 * to {@code jvirsh -c test:///default} (a separate process) prints the same on stdout and on
 * stderr. Compared on stdout: list, dominfo, domstate, vcpupin, emulatorpin, iothreadinfo,
 * vcpucount, setvcpus, dumpxml, lifecycle; on stderr: every message of the shell itself
 * ({@code messages}: parse errors, option checks, lookups, files, the first line of a failed
 * operation), and a warning wherever libvirt logs one (in each one's words). Masked: virsh's
 * banner and echoed prompts, libvirt's informational log lines, the dominfo
 * lines jvirt has no data for (OS Type, which libvirt's test driver hard-codes to "linux", CPU
 * time, which it fakes, managed save and the security model), and the
 * {@link #DIFFERENCES} docs/jvirsh.md lists. Needs virsh (libvirt-clients): skipped without it,
 * except under CI=true, where it fails.
 */
class VirshDifferentialTest {
    private static final Pattern MASKED = Pattern.compile(
            "(?m)^(OS Type|CPU time|Managed save|Security model|Security DOI|Security label):.*\\n");
    /** libvirt's library logging ("...: 3308: info : libvirt version: 9.0.0 ..."). */
    private static final Pattern LIBVIRT_INFO = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d [^\\n]*: info : .*\\n");
    /** libvirt's warnings ("...: warning : virDomainVcpuPinDefParseXML:15765 : Ignoring vcpupin ..."). */
    private static final Pattern LIBVIRT_WARNING =
            Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d [^\\n]*: warning : .*$");
    /** jvirsh's, in jvirt's words: only where each stands is compared. */
    private static final Pattern JVIRSH_WARNING = Pattern.compile("(?m)^warning: .*$");
    /** Where jvirsh deliberately says it otherwise (docs/jvirsh.md, "Messages"): virsh's text, jvirsh's. */
    static final Map<String, String> DIFFERENCES = Map.of(
            "error: Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive\n",
            "error: Options --live and --config are mutually exclusive\n",
            "is not managed by libvirt. Remove it manually.\n\n", "is not managed by jvirt. Remove it manually.\n",
            "was not found in domain's definition.\n\n", "was not found in domain's definition.\n");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "pinning", "conformance", "messages"})
    void sameOutputAsVirsh(String scenario) throws Exception {
        Virsh virsh = Virsh.find();
        Path dir = Path.of(VirshDifferentialTest.class.getResource("/differential/" + scenario + ".cmds").toURI())
                .getParent();
        String commands = Files.readString(dir.resolve(scenario + ".cmds")).replace("@DIR@", dir.toString());
        Virsh.Run theirs = virsh.run(commands);
        List<String> jvirsh = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "-c", "test:///default"));
        Virsh.Run ours = Virsh.exec(jvirsh, commands);
        assertThat(mask(ours.stdout())).as("stdout of jvirsh vs virsh on %s", scenario)
                .isEqualTo(mask(Virsh.withoutBannerAndPrompts(theirs.stdout())));
        assertThat(JVIRSH_WARNING.matcher(ours.stderr()).replaceAll("warning: ..."))
                .as("stderr of jvirsh vs virsh on %s", scenario).isEqualTo(virshErrors(theirs.stderr()));
        if (!scenario.equals("messages")) {
            assertThat(ours.stdout()).contains("CPU Affinity");
        }
    }

    private static String virshErrors(String err) {
        String out = LIBVIRT_WARNING.matcher(LIBVIRT_INFO.matcher(err).replaceAll("")).replaceAll("warning: ...");
        for (Map.Entry<String, String> d : DIFFERENCES.entrySet()) {
            out = out.replace(d.getKey(), d.getValue());
        }
        return out;
    }

    static String mask(String out) {
        return MASKED.matcher(out).replaceAll("").replaceAll("\\n+$", "\n");
    }
}
