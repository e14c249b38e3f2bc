package org.jvirt.xml;

import java.util.List;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Filesystem;

/** {@code <filesystem>}. */
final class FilesystemXml {
    static final List<String> ORDER = List.of("driver", "binary", "source", "target", "readonly",
            "space_hard_limit", "space_soft_limit", "alias", "address");

    private FilesystemXml() {
    }

    static Filesystem read(XmlNode n) {
        String type = n.attr("type").orElse("mount");
        XmlNode target = n.requiredChild("target", "filesystem: element <target dir='...'/> is required");
        String targetDir = target.requiredAttr("dir", ErrorCode.XML_INVALID,
                "filesystem: <target> attribute 'dir' is required");
        return new Filesystem(type, n.attr("accessmode"), n.childWith("source", "dir").flatMap(s -> s.attr("dir")),
                targetDir, n.child("readonly").isPresent(), n.address(), n.extras());
    }

    static Element write(Filesystem f) {
        Out out = new Out("filesystem", ORDER).attr("type", f.type()).attr("accessmode", f.accessmode());
        f.sourceDir().ifPresent(s -> out.child(new Element("source").setAttribute("dir", s)));
        out.child(new Element("target").setAttribute("dir", f.targetDir()));
        out.flag("readonly", f.readonly());
        out.child(AddressXml.write(f.address()));
        return out.build(f.extras());
    }
}
