package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.xml.NodeDocument;
import org.jvirt.xml.NodeXml;
import org.jvirt.xml.SafeXml;
import org.jvirt.xml.XmlLimits;

/** Where the test driver's nodes come from: the built-in default, or an absolute file. */
final class NodeFiles {
    /**
     * The node of {@code test:///default}: a host of 16 CPUs in 2 NUMA cells whose pin map is 8 CPUs
     * wide (as virsh sees libvirt's test driver), and one running persistent domain, {@link
     * #DEFAULT_DOMAIN}. In the code rather than a resource of the jar: a one-shot command on the
     * test driver then never opens the jar (the start-up cache holds every class it runs).
     */
    static final String DEFAULT_HOST = """
            <node>
              <host arch='i686' cpuModel='i686' mhz='1400'>
                <cpumap width='8' online='0-7'/>
                <cell id='0' memory='1572864' sockets='2' cores='2' threads='2'/>
                <cell id='1' memory='1572864' sockets='2' cores='2' threads='2'/>
              </host>
            </node>
            """;

    /**
     * The default node's domain 'test', kept apart from its host so that it is parsed once, by the
     * define (a guest of a node file is parsed with the node, then written out and parsed again).
     */
    static final String DEFAULT_DOMAIN = """
            <domain type='test'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </interface>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </memballoon>
              </devices>
            </domain>
            """;

    /** How errors in the built-in node name it. */
    static final String DEFAULT_SOURCE = "built-in test:///default node";

    private NodeFiles() {
    }

    static NodeDocument builtInDefault() {
        NodeDocument host = NodeXml.parse(DEFAULT_HOST, DEFAULT_SOURCE);
        return new NodeDocument(host.topology(), host.hostname(),
                List.of(new NodeDocument.Guest(DEFAULT_DOMAIN, NodeDocument.RunState.RUNNING, true)));
    }

    static NodeDocument read(Path file) {
        if (!file.isAbsolute()) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.TEST,
                    "test node file %s: the node file path must be absolute (test:///ABS/PATH.xml)", file);
        }
        try {
            SafeXml.checkSize(Files.size(file), XmlLimits.DEFAULT);
            return NodeXml.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.TEST,
                    "cannot read test node file " + file + ": " + IoReason.of(e), e);
        }
    }
}
