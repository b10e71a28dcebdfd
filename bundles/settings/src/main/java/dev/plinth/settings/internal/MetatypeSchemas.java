package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The configurations a bundle's metatype describes, read through the Metatype service. */
final class MetatypeSchemas {

    private final MetaTypeService metaType;

    MetatypeSchemas(MetaTypeService metaType) {
        this.metaType = metaType;
    }

    /** Every configuration {@code bundle} describes, sorted by PID; empty when it has no metatype. */
    List<ConfigurationSchema> schemas(Bundle bundle) {
        MetaTypeInformation information = metaType.getMetaTypeInformation(bundle);
        if (information == null) {
            return List.of();
        }
        List<ConfigurationSchema> schemas = new ArrayList<>();
        for (String pid : nonNull(information.getPids())) {
            schema(information, pid, false, schemas);
        }
        for (String factoryPid : nonNull(information.getFactoryPids())) {
            schema(information, factoryPid, true, schemas);
        }
        schemas.sort(Comparator.comparing(ConfigurationSchema::pid));
        return schemas;
    }

    private static void schema(MetaTypeInformation information, String pid, boolean factory,
            List<ConfigurationSchema> schemas) {
        ObjectClassDefinition definition;
        try {
            definition = information.getObjectClassDefinition(pid, null);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (definition == null) {
            return;
        }
        schemas.add(of(pid, factory, definition));
    }

    /** The schema of an object class definition. */
    static ConfigurationSchema of(String pid, boolean factory, ObjectClassDefinition definition) {
        Set<String> required = new HashSet<>();
        for (AttributeDefinition attribute : nonNull(definition.getAttributeDefinitions(ObjectClassDefinition.REQUIRED))) {
            required.add(attribute.getID());
        }
        List<ConfigurationSchema.Attribute> attributes = new ArrayList<>();
        for (AttributeDefinition attribute : nonNull(definition.getAttributeDefinitions(ObjectClassDefinition.ALL))) {
            attributes.add(new ConfigurationSchema.Attribute(attribute, required.contains(attribute.getID())));
        }
        return new ConfigurationSchema(pid, factory, definition.getName(), definition.getDescription(), attributes);
    }

    private static <T> List<T> nonNull(T[] array) {
        return array == null ? List.of() : List.of(array);
    }
}
