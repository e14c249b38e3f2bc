package example;

import java.io.PrintStream;
import java.util.List;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.SetVcpusOptions;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;

/** Defines a domain, starts it, pins a vCPU, hot-plugs two more and shows where each may run. */
public final class Hello {
    static final String XML = """
            <domain type='kvm'>
              <name>hello</name>
              <memory unit='MiB'>256</memory>
              <vcpu placement='static' cpuset='4-7' current='2'>4</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
            </domain>
            """;

    private Hello() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "test:///default", System.out);
    }

    static void run(String uri, PrintStream out) {
        try (Connection conn = Jvirt.connect(uri)) {
            Domain dom = conn.defineXml(XML);
            dom.start();
            dom.pinVcpu(0, CpuSet.parse("2-3"), Affect.LIVE);
            dom.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
            EffectivePinning pinning = dom.effectivePinning(Affect.LIVE);
            out.println(dom.name() + " on " + conn.uri() + ": " + dom.state().describe());
            List<Integer> vcpus = List.of(0, 1, 2, 3);
            for (int v : vcpus) {
                out.println("vCPU " + v + ": " + pinning.vcpu(v).cpus() + " (" + pinning.vcpu(v).reason() + ")");
            }
            dom.destroy();
            dom.undefine();
        }
    }
}
