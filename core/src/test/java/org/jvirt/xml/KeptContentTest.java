package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DefinitionWarning.Kind;
import org.jvirt.model.DomainDef;

/**
 * What jvirt does not model is never a reason to refuse: it is kept, written back where it was,
 * and reported as a warning (kind, XPath, message with line and column), once per piece.
 */
class KeptContentTest {
    private static final DomainXml XML = new DomainXml(XmlLimits.DEFAULT,
            () -> UUID.fromString("00000000-0000-4000-8000-000000000001"));

    private static ParseResult read(String body) {
        return XML.read("<domain type='kvm'><name>k</name>" + body + "</domain>");
    }

    @Test
    void unknownAttributesOnElementsWithoutARecordAreKeptInPlace() {
        ParseResult r = read("""
                <memory unit='MiB' x-size='big'>1024</memory>
                <currentMemory x-current='1' unit='MiB'>512</currentMemory>
                <vcpu>4</vcpu>
                <vcpus>
                  <vcpu id='2' enabled='no' x-entry='two'/>
                  <vcpu id='0' enabled='yes' x-entry='zero'/>
                </vcpus>
                <iothreads x-count='1'>1</iothreads>
                <cputune>
                  <shares x-shares='s'>10</shares>
                  <vcpupin vcpu='3' cpuset='1' x-pin='three'/>
                  <vcpupin vcpu='1' cpuset='0' x-pin='one'/>
                </cputune>
                <os><type>hvm</type></os>
                <on_crash x-crash='c'>restart</on_crash>
                """);
        String out = XML.write(r.def());
        assertThat(out).contains("<memory unit='KiB' x-size='big'>1048576</memory>",
                "<currentMemory unit='KiB' x-current='1'>524288</currentMemory>",
                "<vcpu id='0' enabled='yes' hotpluggable='no' x-entry='zero'/>",
                "<vcpu id='2' enabled='no' hotpluggable='yes' x-entry='two'/>",
                "<iothreads x-count='1'>1</iothreads>", "<shares x-shares='s'>10</shares>",
                "<vcpupin vcpu='1' cpuset='0' x-pin='one'/>", "<vcpupin vcpu='3' cpuset='1' x-pin='three'/>",
                "<on_crash x-crash='c'>restart</on_crash>");
        assertThat(r.warnings()).hasSize(9).allSatisfy(w -> {
            assertThat(w.kind()).isEqualTo(Kind.UNMODELLED_ATTRIBUTE);
            assertThat(w.message()).contains("is not used by jvirt; it is kept as written (at /domain/");
        });
        assertThat(r.warnings()).extracting(DefinitionWarning::path).contains("/domain/memory/@x-size",
                "/domain/vcpus/vcpu[1]/@x-entry", "/domain/cputune/vcpupin[2]/@x-pin");
        assertThat(XML.write(XML.read(out).def())).isEqualTo(out);
    }

    @Test
    void aPinKeepsItsOwnContentWhenOtherPinsAreSet() {
        DomainDef d = read("""
                <memory>1024</memory>
                <vcpu>4</vcpu>
                <iothreads>2</iothreads>
                <cputune>
                  <vcpupin vcpu='3' cpuset='1' x-pin='three'/>
                  <iothreadpin iothread='2' cpuset='1' x-pin='two'/>
                </cputune>
                <os><type>hvm</type></os>
                """).def();
        DomainDef pinned = d.withCputune(d.cputune().withVcpuPin(new org.jvirt.model.VcpuPin(0,
                org.jvirt.model.CpuSet.of(2))).withIothreadPin(new org.jvirt.model.IothreadPin(1,
                org.jvirt.model.CpuSet.of(2))));
        assertThat(XML.write(pinned)).contains("<vcpupin vcpu='0' cpuset='2'/>",
                "<vcpupin vcpu='3' cpuset='1' x-pin='three'/>", "<iothreadpin iothread='1' cpuset='2'/>",
                "<iothreadpin iothread='2' cpuset='1' x-pin='two'/>");
    }

    @Test
    void unknownElementsAreKeptWholeAfterTheirSiblingWithOneWarningEach() {
        ParseResult r = read("""
                <memory>1024</memory>
                <os><type>hvm</type></os>
                <x-settings level='2'><x-inner/></x-settings>
                <devices>
                  <disk type='file'>
                    <source file='/a.img'/>
                    <target dev='vda' bus='virtio'/>
                    <iotune><total_bytes_sec>1000</total_bytes_sec></iotune>
                  </disk>
                  <sound model='ich9'/>
                </devices>
                """);
        assertThat(r.warnings()).extracting(DefinitionWarning::kind, DefinitionWarning::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.UNMODELLED_ELEMENT, "/domain/x-settings"),
                org.assertj.core.groups.Tuple.tuple(Kind.UNMODELLED_ELEMENT, "/domain/devices/disk/iotune"),
                org.assertj.core.groups.Tuple.tuple(Kind.UNMODELLED_ELEMENT, "/domain/devices/sound"));
        assertThat(r.warnings().get(2).message()).isEqualTo("devices: element <sound> is not used by jvirt; it is kept "
                + "as written (at /domain/devices/sound, line 10, column 24)");
        String out = XML.write(r.def());
        assertThat(out).contains("""
                      <target dev='vda' bus='virtio'/>
                      <iotune>
                        <total_bytes_sec>1000</total_bytes_sec>
                      </iotune>
                    </disk>
                    <sound model='ich9'/>
                """, "<x-settings level='2'>");
    }

    @Test
    void aKnownElementWithMoreThanTheModelKeepsItsValueAndTheRest() {
        ParseResult r = read("""
                <memory>1024</memory>
                <os><type>hvm</type><boot dev='hd' x-boot='1'/></os>
                <devices>
                  <interface type='network'>
                    <source network='default'/>
                    <model type='virtio'><x-driver queues='4'/></model>
                  </interface>
                </devices>
                """);
        DomainDef d = r.def();
        assertThat(d.devices().list().get(0)).extracting("model").isEqualTo(java.util.Optional.of("virtio"));
        assertThat(d.os().bootDevices()).containsExactly("hd");
        String out = XML.write(d);
        assertThat(out).contains("<boot dev='hd' x-boot='1'/>", """
                      <model type='virtio'>
                        <x-driver queues='4'/>
                      </model>
                """);
        assertThat(r.warnings()).extracting(DefinitionWarning::path)
                .containsExactly("/domain/os/boot/@x-boot", "/domain/devices/interface/model/x-driver");
    }

    @Test
    void namespacedContentIsKeptAndWhatADriverReadsIsNotReported() {
        ParseResult r = XML.read("""
                <domain type='lxc' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
                  <name>k</name>
                  <memory>1024</memory>
                  <os><type>exe</type><init>/bin/sh</init><initgroup>users</initgroup></os>
                  <idmap><uid start='0' target='1000' count='10'/></idmap>
                  <features><capabilities policy='default'><mknod state='on'/></capabilities></features>
                  <devices>
                    <filesystem type='ram'><source usage='1024' units='KiB'/><target dir='/tmp'/></filesystem>
                    <filesystem type='mount'><source dir='/srv' x-s='1'/><target dir='/srv'/></filesystem>
                  </devices>
                  <metadata><app:x xmlns:app='urn:app'>kept, never reported</app:x></metadata>
                  <qemu:commandline><qemu:arg value='-S'/></qemu:commandline>
                </domain>
                """);
        assertThat(r.warnings()).extracting(DefinitionWarning::path).containsExactly(
                "/domain/devices/filesystem[2]/source/@x-s", "/domain/qemu:commandline");
        assertThat(XML.write(r.def())).contains("<initgroup>users</initgroup>", "<idmap>",
                "<capabilities policy='default'>\n      <mknod state='on'/>",
                "<source usage='1024' units='KiB'/>", "<qemu:commandline>",
                "<app:x xmlns:app='urn:app'>kept, never reported</app:x>");
    }

    @Test
    void warningsComeInDocumentOrder() {
        ParseResult r = read("""
                <memory x-a='1'>1024</memory>
                <x-b/>
                <os x-c='1'><type>hvm</type></os>
                <x-d/>
                """);
        assertThat(r.warnings()).extracting(DefinitionWarning::path)
                .isEqualTo(List.of("/domain/memory/@x-a", "/domain/x-b", "/domain/os/@x-c", "/domain/x-d"));
    }
}
