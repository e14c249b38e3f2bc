package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobalOptionsTest {
    @Test
    void virshFormsOfTheOptions() {
        GlobalOptions o = GlobalOptions.parse(new String[] {"-c", "test:///default", "-tq", "list", "--all"});
        assertThat(o.uri()).isEqualTo("test:///default");
        assertThat(o.timing()).isTrue();
        assertThat(o.quiet()).isTrue();
        assertThat(o.readOnly()).isFalse();
        assertThat(o.command()).containsExactly("list", "--all");
        assertThat(GlobalOptions.parse(new String[] {"--connect=qemu:///system", "-r", "uri"}).uri())
                .isEqualTo("qemu:///system");
        assertThat(GlobalOptions.parse(new String[] {"-ctest:///x"}).uri()).isEqualTo("test:///x");
        assertThat(GlobalOptions.parse(new String[] {"--connect", "u", "--", "-q"}).command()).containsExactly("-q");
        assertThat(GlobalOptions.parse(new String[] {"-V"}).version()).isEqualTo(GlobalOptions.Version.LONG);
        assertThat(GlobalOptions.parse(new String[] {"-v"}).version()).isEqualTo(GlobalOptions.Version.SHORT);
        assertThat(GlobalOptions.parse(new String[] {"--version=long"}).version()).isEqualTo(GlobalOptions.Version.LONG);
        assertThat(GlobalOptions.parse(new String[] {"-d", "-h"}).help()).isTrue();
        assertThat(GlobalOptions.parse(new String[0]).command()).isEmpty();
    }

    @Test
    void debugLevelsAsVirshAndABareDebug() {
        assertThat(GlobalOptions.parse(new String[] {"uri"}).debugLevel()).isEqualTo(GlobalOptions.DEFAULT_LEVEL);
        assertThat(GlobalOptions.parse(new String[] {"-d", "uri"}).debugLevel()).isZero();
        assertThat(GlobalOptions.parse(new String[] {"-d", "2", "uri"}).debugLevel()).isEqualTo(2);
        assertThat(GlobalOptions.parse(new String[] {"-d4", "uri"}).debugLevel()).isEqualTo(4);
        assertThat(GlobalOptions.parse(new String[] {"--debug=1"}).debugLevel()).isEqualTo(1);
        assertThat(GlobalOptions.parse(new String[] {"--debug", "uri"}).debug()).isTrue();
        GlobalOptions far = GlobalOptions.parse(new String[] {"-d", "9", "uri"});
        assertThat(far.debugLevel()).isEqualTo(GlobalOptions.DEFAULT_LEVEL);
        assertThat(far.problems()).containsExactly("ignoring debug level 9 out of range [0-4]");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"--debug=x"}))
                .hasMessage("option --debug takes a numeric argument");
    }

    @Test
    void virshOptionsThatMeanNothingInProcessAreCheckedAndAccepted() {
        GlobalOptions o = GlobalOptions.parse(new String[] {"-k", "0", "-K3", "-e", "^]", "--escape=~", "-l", "/tmp/x",
                "--keepalive-interval=5", "uri"});
        assertThat(o.logFile()).hasValue("/tmp/x");
        assertThat(o.command()).containsExactly("uri");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"-k", "x"})).hasMessage("Invalid value for option -k");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"-e", "xx"}))
                .hasMessage("Invalid string 'xx' for escape sequence");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"--version=huge"}))
                .hasMessage("unknown version type 'huge'");
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"-z"})).hasMessage("unsupported option '-z'. See --help.");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"--bogus"}))
                .hasMessage("unsupported option '--bogus'. See --help.");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"-c"}))
                .hasMessage("option requires an argument: -c. See --help.");
        assertThatThrownBy(() -> GlobalOptions.parse(new String[] {"--connect"}))
                .hasMessage("option requires an argument: --connect. See --help.");
    }
}
