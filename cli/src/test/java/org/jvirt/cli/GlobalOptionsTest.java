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
        assertThat(GlobalOptions.parse(new String[] {"-V"}).version()).isTrue();
        assertThat(GlobalOptions.parse(new String[] {"-d", "-h"}).help()).isTrue();
        assertThat(GlobalOptions.parse(new String[0]).command()).isEmpty();
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
