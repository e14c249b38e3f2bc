package org.jvirt.xml;

import java.util.List;
import java.util.Optional;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Controller;
import org.jvirt.model.Input;
import org.jvirt.model.MemBalloon;
import org.jvirt.model.Rng;
import org.jvirt.model.Video;
import org.jvirt.model.Watchdog;

/** The small devices: controller, input, video, memballoon, rng, watchdog. */
final class SimpleDevicesXml {
    private SimpleDevicesXml() {
    }

    static Controller controller(XmlNode n) {
        String type = n.requiredAttr("type", ErrorCode.XML_INVALID, "controller: attribute 'type' is required");
        return new Controller(type, n.intAttr("index"), n.attr("model"), n.address(), n.extras());
    }

    static Element write(Controller c) {
        return new Out("controller", List.of("model", "driver", "target", "alias", "address")).attr("type", c.type())
                .attr("index", c.index()).attr("model", c.model()).child(AddressXml.write(c.address()))
                .build(c.extras());
    }

    static Input input(XmlNode n) {
        String type = n.requiredAttr("type", ErrorCode.XML_INVALID, "input: attribute 'type' is required");
        return new Input(type, n.attr("bus"), n.address(), n.extras());
    }

    static Element write(Input i) {
        return new Out("input", List.of("source", "driver", "alias", "address")).attr("type", i.type())
                .attr("bus", i.bus()).child(AddressXml.write(i.address())).build(i.extras());
    }

    static Video video(XmlNode n) {
        Optional<Video.Model> model = n.child("model").map(m -> new Video.Model(m.requiredAttr("type",
                ErrorCode.XML_INVALID, "video: <model> attribute 'type' is required"), m.longAttr("ram"),
                m.longAttr("vram"), m.intAttr("heads"), m.yesNo("primary"), m.extras()));
        return new Video(model, n.address(), n.extras());
    }

    static Element write(Video v) {
        Out out = new Out("video", List.of("driver", "model", "alias", "address"));
        v.model().ifPresent(m -> out.child(new Out("model").attr("type", m.type()).attr("ram", m.ram())
                .attr("vram", m.vram()).attr("heads", m.heads()).yesNo("primary", m.primary()).build(m.extras())));
        out.child(AddressXml.write(v.address()));
        return out.build(v.extras());
    }

    static MemBalloon memballoon(XmlNode n) {
        String model = n.requiredAttr("model", ErrorCode.XML_INVALID, "memballoon: attribute 'model' is required");
        return new MemBalloon(model, n.address(), n.extras());
    }

    static Element write(MemBalloon m) {
        return new Out("memballoon", List.of("stats", "alias", "address", "driver")).attr("model", m.model())
                .child(AddressXml.write(m.address())).build(m.extras());
    }

    static Rng rng(XmlNode n) {
        String model = n.requiredAttr("model", ErrorCode.XML_INVALID, "rng: attribute 'model' is required");
        Optional<Rng.Backend> backend = n.child("backend").map(b -> new Rng.Backend(b.requiredAttr("model",
                ErrorCode.XML_INVALID, "rng: <backend> attribute 'model' is required"),
                b.element().getChildren().isEmpty() && !b.text().isEmpty() ? Optional.of(b.text()) : Optional.empty(),
                b.extras()));
        return new Rng(model, backend, n.address(), n.extras());
    }

    static Element write(Rng r) {
        Out out = new Out("rng", List.of("rate", "backend", "alias", "address")).attr("model", r.model());
        r.backend().ifPresent(b -> {
            Out e = new Out("backend").attr("model", b.model());
            b.path().ifPresent(e::text);
            out.child(e.build(b.extras()));
        });
        out.child(AddressXml.write(r.address()));
        return out.build(r.extras());
    }

    static Watchdog watchdog(XmlNode n) {
        String model = n.requiredAttr("model", ErrorCode.XML_INVALID, "watchdog: attribute 'model' is required");
        return new Watchdog(model, n.attr("action"), n.address(), n.extras());
    }

    static Element write(Watchdog w) {
        return new Out("watchdog", List.of("alias", "address")).attr("model", w.model()).attr("action", w.action())
                .child(AddressXml.write(w.address())).build(w.extras());
    }
}
