package org.jvirt.driver.qemu.it;

import org.jvirt.XmlFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuDef;
import org.jvirt.model.DomainDef;

/**
 * What the QEMU driver makes of a definition, as libvirt 9.0's QEMU driver does (observed on
 * qemu:///system): guest NUMA cells take every vCPU and give the memory size, a CPU topology must
 * give exactly the vCPU count (the test driver takes one that does not), and shares 0 is defined
 * but cannot start.
 */
class QemuDefinitionIT extends QemuItBase {

    @Test
    void aVcpuNoCellListsJoinsTheFirstCellAndQemuStartsWithTheCells() {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "numa", type(), "<vcpu>4</vcpu>",
                "<cpu><numa><cell cpus='2' memory='32' unit='MiB'/><cell cpus='3' memory='16' unit='MiB'/>"
                        + "</numa></cpu>"));
        DomainDef def = d.definition(XmlFlag.INACTIVE);
        assertThat(def.cpu().orElseThrow().numaCells()).extracting(c -> c.cpus().format()).containsExactly("0-2", "3");
        assertThat(def.cpu().orElseThrow().numaCells()).extracting(CpuDef.NumaCell::memoryKiB)
                .containsExactly(32768L, 16384L);
        assertThat(def.memory().memoryKiB()).isEqualTo(49152);
        assertThat(d.xml(XmlFlag.INACTIVE)).contains("<memory unit='KiB'>49152</memory>",
                "<cell id='0' cpus='0-2' memory='32768' unit='KiB'/>");
        d.start();
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        d.destroy();
    }

    @Test
    void aTopologyThatDoesNotGiveTheVcpuCountIsRefused() {
        String name = QemuTestEnv.PREFIX + "topology";
        VirtException e = catchThrowableOfType(VirtException.class, () -> conn.defineXml(QemuTestEnv.domainXml(name,
                type(), "<vcpu>20</vcpu>", "<cpu><topology sockets='2' cores='4' threads='1'/></cpu>")));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VCPU_COUNT);
        assertThat(e.getMessage()).isEqualTo("cpu: topology gives 8 vCPUs, maximum is 20");
        assertThat(conn.listDomains()).noneMatch(dom -> dom.name().equals(name));
    }

    @Test
    void sharesZeroIsDefinedAndWrittenBackButTheCgroupRefusesItAtStart() {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "shares0", type(), "<vcpu>1</vcpu>",
                "<cputune><shares>0</shares></cputune>"));
        assertThat(d.xml(XmlFlag.INACTIVE)).contains("<shares>0</shares>");
        VirtException e = catchThrowableOfType(VirtException.class, d::start);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.TUNABLE_RANGE);
        assertThat(e.getMessage()).contains("CPU shares 0 out of range 2..262144");
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
    }
}
