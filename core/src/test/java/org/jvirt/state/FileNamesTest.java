package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class FileNamesTest {
    @Test
    void longNamesAreCut() {
        String name = "é".repeat(200);
        String file = FileNames.component(name, ".status.xml");
        assertThat(file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(file).endsWith(".status.xml").contains("~");
        assertThat(FileNames.component(name, ".xml")).isNotEqualTo(FileNames.component("é".repeat(199) + "x", ".xml"));
        assertThat(FileNames.component("vm 1", ".xml")).isEqualTo("vm 1.xml");
        assertThatThrownBy(() -> FileNames.component("..", ".xml")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
    }
}
