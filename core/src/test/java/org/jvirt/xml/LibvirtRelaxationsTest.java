package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Iothreads;
import org.jvirt.pinning.ValidationContext;
import org.jvirt.pinning.Validator;

/**
 * Domain XML that libvirt 9.0 defines and jvirt once refused (issue 14's table and what
 * observing {@code virsh -c test:///default} turned up), read and written the way libvirt does;
 * and the values libvirt refuses, refused with a message that says what and where.
 */
class LibvirtRelaxationsTest {
    private static final DomainXml XML = new DomainXml(XmlLimits.DEFAULT,
            () -> UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final String OS = "<os><type arch='x86_64'>hvm</type></os>";

    private static ParseResult read(String body) {
        return XML.read("<domain type='kvm'><name>r</name>" + body + "</domain>");
    }

    private static DomainDef def(String body) {
        return read(body).def();
    }

    private static String written(String body) {
        return XML.write(def(body));
    }

    private static VirtException refused(String body) {
        VirtException e = catchThrowableOfType(VirtException.class, () -> read(body));
        assertThat(e).as("refused: " + body).isNotNull();
        assertThat(e.getMessage()).containsPattern("\\(at /domain[^)]*, line \\d+, column \\d+\\)");
        return e;
    }

    @Test
    void numaCellsWithoutIdAreNumberedInOrder() {
        DomainDef d = def("<memory unit='MiB'>1024</memory><vcpu>4</vcpu>" + OS + "<cpu><numa>"
                + "<cell cpus='0-1' memory='512' unit='MiB'/><cell cpus='2-3' memory='512' unit='MiB'/></numa></cpu>");
        assertThat(d.cpu().orElseThrow().numaCells()).extracting(CpuDef.NumaCell::id).containsExactly(0, 1);
        assertThat(XML.write(d)).contains("<cell id='0' cpus='0-1' memory='524288' unit='KiB'/>",
                "<cell id='1' cpus='2-3' memory='524288' unit='KiB'/>");
    }

    @Test
    void numaCellsAreWrittenByIdWhateverTheirOrder() {
        DomainDef d = def("<memory>4096</memory><vcpu>4</vcpu>" + OS + "<cpu><numa>"
                + "<cell id='1' cpus='2-3' memory='1024'/><cell id='0' cpus='0-1' memory='2048'/></numa></cpu>");
        assertThat(d.cpu().orElseThrow().numaCells()).extracting(c -> c.cpus().format()).containsExactly("0-1", "2-3");
    }

    @Test
    void numaCellIdsAreZeroToNMinusOneEachOnce() {
        String tail = "</numa></cpu>";
        String head = "<memory>4096</memory><vcpu>4</vcpu>" + OS + "<cpu><numa>";
        assertThat(refused(head + "<cell id='2' cpus='0' memory='1'/><cell id='0' cpus='1' memory='1'/>" + tail)
                .getMessage()).startsWith("numa: cell id 2 is not below the number of cells 2");
        assertThat(refused(head + "<cell cpus='0' memory='1'/><cell id='0' cpus='1' memory='1'/>" + tail)
                .getMessage()).startsWith("numa: cell id 0 is given twice");
    }

    @Test
    void numaDistancesAreCompletedAsLibvirtDoes() {
        DomainDef d = def("<memory>4096</memory><vcpu>4</vcpu>" + OS + "<cpu><numa>"
                + "<cell cpus='0-1' memory='1024'><distances><sibling id='1' value='21'/></distances></cell>"
                + "<cell cpus='2-3' memory='1024'/></numa></cpu>");
        List<CpuDef.NumaCell> cells = d.cpu().orElseThrow().numaCells();
        assertThat(cells.get(0).distances()).containsExactly(new CpuDef.Distance(0, 10), new CpuDef.Distance(1, 21));
        assertThat(cells.get(1).distances()).containsExactly(new CpuDef.Distance(0, 21), new CpuDef.Distance(1, 10));
        assertThat(refused("<memory>4096</memory><vcpu>4</vcpu>" + OS + "<cpu><numa><cell memory='1'>"
                + "<distances><sibling id='0' value='11'/></distances></cell></numa></cpu>").getMessage())
                .startsWith("numa: the distance of cell 0 to itself must be 10, not 11");
    }

    @Test
    void sharesZeroIsAcceptedAndWrittenBack() {
        DomainDef d = def("<memory>1024</memory><cputune><shares>0</shares></cputune>" + OS);
        assertThat(new Validator().validate(d, ValidationContext.qemu())).isEmpty();
        assertThat(XML.write(d)).contains("<shares>0</shares>");
    }

    @Test
    void aTopologyOfEightWithTwentyVcpusIsDefinedByTheTestDriverOnly() {
        DomainDef d = def("<memory>1024</memory><vcpu>20</vcpu>" + OS
                + "<cpu><topology sockets='2' cores='4' threads='1'/></cpu>");
        assertThat(new Validator().validate(d, ValidationContext.vm())).isEmpty();
        VirtException e = catchThrowableOfType(VirtException.class,
                () -> new Validator().validate(d, ValidationContext.qemu()));
        assertThat(e.code()).isEqualTo(ErrorCode.VCPU_COUNT);
    }

    @Test
    void ioThreadPoolsAreModelled() {
        DomainDef d = def("<memory>1024</memory><iothreads>2</iothreads><iothreadids>"
                + "<iothread id='1' thread_pool_min='2' thread_pool_max='8'/></iothreadids>"
                + "<defaultiothread thread_pool_min=' 1' thread_pool_max='+3'/>" + OS);
        assertThat(d.iothreads().pool(1)).contains(new Iothreads.ThreadPool(OptionalInt.of(2), OptionalInt.of(8)));
        assertThat(d.iothreads().pool(2)).isEmpty();
        assertThat(d.iothreads().defaultPool()).contains(new Iothreads.ThreadPool(OptionalInt.of(1), OptionalInt.of(3)));
        assertThat(XML.write(d)).contains("""
                  <iothreads>2</iothreads>
                  <iothreadids>
                    <iothread id='1' thread_pool_min='2' thread_pool_max='8'/>
                    <iothread id='2'/>
                  </iothreadids>
                  <defaultiothread thread_pool_min='1' thread_pool_max='3'/>
                """);
        assertThat(read("<memory>1024</memory><defaultiothread/>" + OS).def().iothreads().defaultPool()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread_pool_max='0'", "thread_pool_min='5'", "thread_pool_min='4' thread_pool_max='3'",
            "thread_pool_max='-1'", "thread_pool_max='x'", "thread_pool_max='2147483648'"})
    void wrongThreadPoolsAreRefusedAsLibvirtRefusesThem(String attributes) {
        VirtException e = refused("<memory>1024</memory><iothreads>1</iothreads><iothreadids><iothread id='1' "
                + attributes + "/></iothreadids>" + OS);
        assertThat(e.code()).isEqualTo(ErrorCode.XML_INVALID);
        assertThat(e.getMessage()).startsWith("iothread: ").contains("thread_pool");
    }

    @Test
    void dumpCoreIsModelled() {
        DomainDef d = def("<memory dumpCore='off' unit='MiB'>512</memory>" + OS);
        assertThat(d.memory().dumpCore()).contains(false);
        assertThat(XML.write(d)).contains("<memory dumpCore='off' unit='KiB'>524288</memory>");
        assertThat(refused("<memory dumpCore='yes'>512</memory>" + OS).getMessage())
                .startsWith("memory: attribute 'dumpCore' must be 'on' or 'off', not 'yes'");
    }

    @Test
    void aUdpCharDeviceHasABindAndAConnectSourceWrittenInThatOrder() {
        DomainDef d = def("<memory>1024</memory>" + OS + "<devices><serial type='udp'>"
                + "<source mode='connect' host='127.0.0.1' service='4444'/>"
                + "<source mode='bind' host='127.0.0.1' service='4445'/><target port='0'/></serial></devices>");
        CharDevice serial = d.devices().of(CharDevice.class).get(0);
        assertThat(serial.sources()).extracting(s -> s.mode().orElseThrow()).containsExactly("bind", "connect");
        assertThat(XML.write(d)).contains("""
                    <serial type='udp'>
                      <source mode='bind' host='127.0.0.1' service='4445'/>
                      <source mode='connect' host='127.0.0.1' service='4444'/>
                      <target port='0'/>
                    </serial>
                """);
    }

    @Test
    void aTcpCharDeviceHasOneSourceAsInLibvirt() {
        // libvirt 9.0: "only one source element is allowed for character device" (two only for udp)
        VirtException e = refused("<memory>1024</memory>" + OS + "<devices><serial type='tcp'>"
                + "<source mode='connect' host='127.0.0.1' service='4444'/>"
                + "<source mode='bind' host='127.0.0.1' service='4445'/></serial></devices>");
        assertThat(e.getMessage()).startsWith(
                "serial: only one <source> element is allowed for a tcp device (two only for type 'udp')");
        assertThat(written("<memory>1024</memory>" + OS + "<devices><serial type='tcp'>"
                + "<source host='a' service='1'/><target port='0'/></serial></devices>")).contains("""
                      <source mode='connect' host='a' service='1'/>
                      <protocol type='raw'/>
                      <target port='0'/>
                """);
    }

    @Test
    void integersAreReadAsLibvirtReadsThem() {
        DomainDef d = def("<memory> 1024</memory><vcpu current='+2'> 4</vcpu><iothreads>+1</iothreads>"
                + "<cputune><shares> 10</shares><vcpupin vcpu='+1' cpuset='0'/></cputune>" + OS
                + "<cpu><topology sockets=' 2' cores='+2' threads='1'/></cpu>");
        assertThat(d.memory().memoryKiB()).isEqualTo(1024);
        assertThat(d.vcpu().max()).isEqualTo(4);
        assertThat(d.vcpu().current()).isEqualTo(2);
        assertThat(d.iothreads().count()).isEqualTo(1);
        assertThat(d.cputune().shares()).hasValue(10);
        assertThat(d.cputune().vcpuPin(1)).isPresent();
        assertThat(d.cpu().orElseThrow().topology().orElseThrow().sockets()).isEqualTo(2);
        // a blank after the number is not allowed, nor a sign on a count
        assertThat(refused("<memory>1024</memory><vcpu>4 </vcpu>" + OS).code()).isEqualTo(ErrorCode.XML_INVALID);
        assertThat(refused("<memory>1024</memory><vcpu>-4</vcpu>" + OS).code()).isEqualTo(ErrorCode.XML_INVALID);
    }

    @Test
    void periodsAndQuotasOfZeroAreNotSetAndNegativeQuotasAreKept() {
        DomainDef d = def("<memory>1024</memory><cputune><period>0</period><quota>-5</quota>"
                + "<emulator_quota>0</emulator_quota></cputune>" + OS);
        assertThat(d.cputune().period()).isEmpty();
        assertThat(d.cputune().emulatorQuota()).isEmpty();
        assertThat(d.cputune().quota()).hasValue(-5);
    }

    @Test
    void uuidsAreReadAsLibvirtReadsThem() {
        UUID expected = UUID.fromString("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        for (String text : List.of(" 4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "4dea22b31d52d8f32516782e98ab3fa0",
                "4dea-22b3-1d52-d8f3-2516-782e-98ab-3fa0", "4DEA22B3-1D52-D8F3-2516-782E98AB3FA0 ")) {
            assertThat(def("<uuid>" + text + "</uuid><memory>1024</memory>" + OS).uuid()).as(text).isEqualTo(expected);
        }
        assertThat(refused("<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa</uuid><memory>1024</memory>" + OS).code())
                .isEqualTo(ErrorCode.INVALID_UUID);
    }

    @Test
    void aRepeatedSingleElementCountsOnceWithAWarning() {
        ParseResult r = read("<name>second</name><memory>1024</memory><vcpu>2</vcpu><vcpu>3</vcpu>" + OS);
        assertThat(r.def().name()).isEqualTo("r");
        assertThat(r.def().vcpu().max()).isEqualTo(2);
        assertThat(r.warnings()).extracting(DefinitionWarning::kind).containsOnly(DefinitionWarning.Kind.DUPLICATE_DROPPED);
        assertThat(r.warnings()).extracting(DefinitionWarning::path).containsExactly("/domain/name[2]", "/domain/vcpu[2]");
        assertThat(r.warnings().get(1).message()).startsWith("domain: element <vcpu> is given more than once; only the "
                + "first one is used, this one is dropped (at /domain/vcpu[2], line 1, column ");
        assertThat(XML.write(r.def())).doesNotContain("second", ">3<");
    }

    @Test
    void theValuesLibvirtRefusesAreRefused() {
        assertThat(refused("<title>a\nb</title><memory>1024</memory>" + OS).getMessage())
                .startsWith("title: a title must be one line");
        assertThat(refused("<memory>1024</memory><os><type>hvm</type><boot dev='usb'/></os>").getMessage())
                .startsWith("os: boot device 'usb' is not one of hd, cdrom, network, fd");
        assertThat(refused("<memory>0</memory>" + OS).getMessage())
                .startsWith("domain: the memory size must be given by <memory> (above 0) or by guest NUMA cells");
        assertThat(refused("<memory>1024</memory><maxMemory>4096</maxMemory>" + OS).getMessage())
                .startsWith("maxMemory: both the maximum size and attribute 'slots' must be given");
        assertThat(refused("<memory>1024</memory><maxMemory slots='2'>512</maxMemory>" + OS).getMessage())
                .startsWith("maxMemory: the maximum memory size 512 KiB is below the memory size 1024 KiB");
        assertThat(refused("<memory>1024</memory>" + OS + "<cpu><topology sockets='0' cores='1' threads='1'/></cpu>")
                .getMessage()).startsWith("topology: attribute 'sockets' must be at least 1");
    }

    @Test
    void anHvmDomainWithAKernelBootsFromHdAsInLibvirt() {
        DomainDef d = def("<memory>1024</memory><os><type>hvm</type><kernel>/k</kernel></os>");
        assertThat(d.os().bootDevices()).containsExactly("hd");
    }

    @Test
    void ioThreadPinsAreWrittenInTheOrderOfTheIoThreads() {
        String out = written("<memory>1024</memory><iothreads>3</iothreads><iothreadids><iothread id='3'/>"
                + "<iothread id='1'/></iothreadids><cputune><iothreadpin iothread='1' cpuset='0'/>"
                + "<iothreadpin iothread='3' cpuset='1'/></cputune>" + OS);
        assertThat(out.indexOf("iothread='3'")).isLessThan(out.indexOf("iothread='1'"));
        assertThat(def("<memory>1024</memory><iothreads>1</iothreads><cputune><iothreadpin iothread='1' "
                + "cpuset='0'/></cputune>" + OS).cputune().iothreadPin(1).map(p -> p.cpuset()))
                .contains(CpuSet.of(0));
    }

    @Test
    void memnodesAreWrittenByCell() {
        String out = written("<memory>2048</memory><vcpu>2</vcpu><numatune><memnode cellid='1' nodeset='0'/>"
                + "<memnode cellid='0' nodeset='1'/><memory nodeset='0-1'/></numatune>" + OS
                + "<cpu><numa><cell cpus='0' memory='1024'/><cell cpus='1' memory='1024'/></numa></cpu>");
        assertThat(out.indexOf("cellid='0'")).isLessThan(out.indexOf("cellid='1'"));
        assertThat(Optional.of(out)).hasValueSatisfying(o -> assertThat(o.indexOf("<memory mode"))
                .isLessThan(o.indexOf("<memnode")));
    }
}
