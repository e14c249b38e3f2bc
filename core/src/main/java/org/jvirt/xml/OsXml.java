package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.OsDef;

/** {@code <os>}: VM boot (loader, kernel, boot order) and container init. */
final class OsXml {
    static final List<String> ORDER = List.of("type", "firmware", "init", "initarg", "initenv", "initdir", "inituser",
            "initgroup", "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot", "bootmenu",
            "bios", "smbios");

    /** The {@code <boot dev>} words libvirt knows. */
    static final List<String> BOOT_DEVICES = List.of("hd", "cdrom", "network", "fd");

    private OsXml() {
    }

    static OsDef read(XmlNode n) {
        XmlNode t = n.requiredChild("type", "os: element <type> is required");
        OsDef.OsType type = new OsDef.OsType(t.text(), t.attr("arch"), t.attr("machine"), t.extras());
        Optional<OsDef.Loader> loader = n.child("loader").map(l -> new OsDef.Loader(nonEmpty(l.text()),
                l.yesNo("readonly"), l.yesNo("secure"), l.attr("type"), l.extras()));
        Optional<OsDef.Nvram> nvram = n.child("nvram").map(v -> new OsDef.Nvram(v.attr("template"),
                nonEmpty(v.text()), v.extras()));
        List<String> boot = new ArrayList<>();
        for (XmlNode b : n.children("boot")) {
            String dev = b.requiredAttr("dev", ErrorCode.XML_INVALID, "os: <boot> attribute 'dev' is required");
            if (!BOOT_DEVICES.contains(dev)) {
                throw b.error(ErrorCode.XML_INVALID, "os: boot device '%s' is not one of %s", XmlNode.shorten(dev),
                        String.join(", ", BOOT_DEVICES));
            }
            boot.add(dev);
        }
        List<String> initArgs = new ArrayList<>();
        for (XmlNode a : n.children("initarg")) {
            initArgs.add(a.text());
        }
        List<OsDef.InitEnv> initEnv = new ArrayList<>();
        for (XmlNode e : n.children("initenv")) {
            initEnv.add(new OsDef.InitEnv(e.requiredAttr("name", ErrorCode.XML_INVALID,
                    "os: <initenv> attribute 'name' is required"), e.text()));
        }
        return new OsDef(type, loader, nvram, n.childText("kernel"), n.childText("initrd"), n.childText("cmdline"),
                boot, n.childText("init"), initArgs, initEnv, n.childText("initdir"), n.childText("inituser"),
                n.extras());
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    static Element write(OsDef os) {
        Out out = new Out("os", ORDER);
        out.child(new Out("type").attr("arch", os.type().arch()).attr("machine", os.type().machine())
                .text(os.type().name()).build(os.type().extras()));
        out.textChild("init", os.init());
        for (String a : os.initArgs()) {
            out.child(new Element("initarg").setText(a));
        }
        for (OsDef.InitEnv e : os.initEnv()) {
            out.child(new Element("initenv").setAttribute("name", e.name()).setText(e.value()));
        }
        out.textChild("initdir", os.initDir());
        out.textChild("inituser", os.initUser());
        os.loader().ifPresent(l -> {
            Out e = new Out("loader").yesNo("readonly", l.readonly()).yesNo("secure", l.secure()).attr("type", l.type());
            l.path().ifPresent(e::text);
            out.child(e.build(l.extras()));
        });
        os.nvram().ifPresent(v -> {
            Out e = new Out("nvram").attr("template", v.template());
            v.path().ifPresent(e::text);
            out.child(e.build(v.extras()));
        });
        out.textChild("kernel", os.kernel());
        out.textChild("initrd", os.initrd());
        out.textChild("cmdline", os.cmdline());
        for (String dev : os.bootDevices()) {
            out.child(new Element("boot").setAttribute("dev", dev));
        }
        return out.build(os.extras());
    }
}
