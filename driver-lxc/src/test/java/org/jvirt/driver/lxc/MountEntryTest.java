package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MountEntryTest {
    @Test
    void fieldsAreEscapedAsFstabReadsThem() {
        assertThat(MountEntry.escape("/srv/a b\tc\\d#e")).isEqualTo("/srv/a\\040b\\011c\\134d\\043e");
        assertThat(MountEntry.escape("/srv/\u00e9t\u00e9")).isEqualTo("/srv/\\303\\251t\\303\\251");
        assertThat(MountEntry.escape("/srv/x\ny")).isEqualTo("/srv/x\\012y");
    }

    @Test
    void linesOfAnFstab() {
        MountEntry bind = MountEntry.bind(Path.of("/srv/data"), Path.of("/run/s/root/data"), false, List.of("ro"));
        MountEntry proc = new MountEntry("proc", Path.of("/run/s/root/proc"), "proc", List.of("nosuid"));
        assertThat(MountEntry.fstab(List.of(bind, proc))).isEqualTo(
                "/srv/data /run/s/root/data none bind,ro 0 0\nproc /run/s/root/proc proc nosuid 0 0\n");
    }
}
