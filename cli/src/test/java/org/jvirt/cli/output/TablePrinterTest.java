package org.jvirt.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TablePrinterTest {
    @Test
    void layoutOfPinningMd7() {
        TablePrinter t = new TablePrinter("VCPU", "CPU Affinity").row(0, "1").row(1, "0-1").row(2, "0-1").row(3, "0");
        assertThat(t.render(false)).isEqualTo(" VCPU   CPU Affinity\n----------------------\n 0      1\n 1      0-1\n"
                + " 2      0-1\n 3      0\n");
    }

    @Test
    void widestCellSetsTheColumnAndTheDashes() {
        TablePrinter t = new TablePrinter("Id", "Name", "State").row(1, "test", "running").row("-", "d1", "shut off");
        assertThat(t.render(false)).isEqualTo(" Id   Name   State\n-----------------------\n 1    test   running\n"
                + " -    d1     shut off\n");
    }

    @Test
    void quietDropsHeaderAndItsWidth() {
        TablePrinter t = new TablePrinter("Id", "Name", "State").row(1, "test", "running");
        assertThat(t.render(true)).isEqualTo(" 1   test   running\n");
    }

    @Test
    void emptyTableIsHeaderAndDashes() {
        assertThat(new TablePrinter("Id", "Name", "State").render(false))
                .isEqualTo(" Id   Name   State\n--------------------\n");
        assertThat(new TablePrinter("Id").render(true)).isEmpty();
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThatThrownBy(() -> new TablePrinter("a", "b").row(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
