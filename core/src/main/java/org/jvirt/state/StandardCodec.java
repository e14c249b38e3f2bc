package org.jvirt.state;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.jvirt.driver.Hypervisor;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.Validator;
import org.jvirt.xml.DomainXml;
import org.jvirt.xml.ParseResult;

/**
 * The define pipeline every driver uses: hardened lenient parse, the driver's post-parse
 * defaults, the driver's own checks, then the common validator (docs/pinning.md, "Validation rules").
 */
public final class StandardCodec implements DefinitionCodec {
    private final Hypervisor<?> hypervisor;
    private final DomainXml xml;
    private final Validator validator;

    public StandardCodec(Hypervisor<?> hypervisor, DomainXml xml, Validator validator) {
        this.hypervisor = hypervisor;
        this.xml = xml;
        this.validator = validator;
    }

    @Override
    public Checked parse(String text) {
        ParseResult parsed = xml.read(text);
        Checked checked = check(parsed.def());
        List<DefinitionWarning> warnings = new ArrayList<>(parsed.warnings());
        warnings.addAll(checked.warnings());
        return new Checked(checked.def(), warnings);
    }

    @Override
    public Checked check(DomainDef built) {
        DomainDef def = hypervisor.postParse(built);
        hypervisor.validate(def);
        return new Checked(def, validator.validate(def, hypervisor.validationContext(def)));
    }

    @Override
    public String format(DomainDef def, OptionalInt id) {
        return xml.write(def, id);
    }
}
