package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Plinth's {@code scr:info}, in place of Felix SCR's (a higher {@code service.ranking}: Gogo runs the command of the
 * highest ranking for a name), which prints a component's configuration properties as delivered, secrets opened.
 * It prints the same, except that the value of every PASSWORD attribute of the component's configuration PIDs, as
 * the component bundle's metatype declares them, is {@value ComponentInfoText#SECRET}. The other {@code scr:}
 * commands stay Felix's.
 */
@Component(service = ComponentInfoCommand.class, property = {
        "osgi.command.scope=scr",
        "osgi.command.function=info",
        Constants.SERVICE_RANKING + ":Integer=" + ComponentInfoCommand.RANKING })
public final class ComponentInfoCommand {

    /** Above Felix SCR's command, which has none (0). */
    static final int RANKING = 100;

    private final ServiceComponentRuntime runtime;
    private final MetatypeSchemas metatype;
    private final BundleContext context;

    @Activate
    public ComponentInfoCommand(@Reference ServiceComponentRuntime runtime, @Reference MetaTypeService metaType,
            BundleContext context) {
        this.runtime = runtime;
        this.metatype = new MetatypeSchemas(metaType);
        this.context = context;
    }

    /**
     * A component and its configurations, found by name as Felix SCR finds it: the component of that name (ignoring
     * case), else the one component whose name holds it.
     */
    public String info(String name) {
        List<ComponentDescriptionDTO> matches = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (description.name.equalsIgnoreCase(name)) {
                return describe(description, runtime.getComponentConfigurationDTOs(description));
            }
            if (description.name.toLowerCase().contains(name.toLowerCase())) {
                matches.add(description);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("No component description matching \"" + name + "\".");
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("Multiple components matching \"" + name + "\": "
                    + Arrays.toString(matches.stream().map(d -> d.name).toArray()));
        }
        return describe(matches.get(0), runtime.getComponentConfigurationDTOs(matches.get(0)));
    }

    /** One configuration of a component, by its id, with its component's description. */
    public String info(long id) {
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.id == id) {
                    return describe(description, List.of(configuration));
                }
            }
        }
        throw new IllegalArgumentException("No component configuration with id " + id + ".");
    }

    private String describe(ComponentDescriptionDTO description, Collection<ComponentConfigurationDTO> configurations) {
        Set<String> secrets = new HashSet<>();
        boolean unknown = false;
        try {
            Bundle bundle = context.getBundle(description.bundle.id);
            Set<String> pids = Set.of(description.configurationPid == null ? new String[0]
                    : description.configurationPid);
            if (bundle != null) {
                for (ConfigurationSchema schema : metatype.schemas(bundle)) {
                    if (pids.contains(schema.pid())) {
                        schema.attributes().stream().filter(ConfigurationSchema.Attribute::secret)
                                .forEach(attribute -> secrets.add(attribute.id()));
                    }
                }
            }
        } catch (RuntimeException e) {
            unknown = true;
        }
        Map<Long, List<String>> services = new HashMap<>();
        for (ComponentConfigurationDTO configuration : configurations) {
            services.put(configuration.id, services(configuration.id));
        }
        return new ComponentInfoText(secrets, unknown, this::bundleName).describe(description,
                new ArrayList<>(configurations), services);
    }

    private List<String> services(long configurationId) {
        ServiceReference<?>[] references;
        try {
            references = context.getAllServiceReferences(null,
                    "(" + ComponentConstants.COMPONENT_ID + "=" + configurationId + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> services = new ArrayList<>();
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            StringBuilder text = new StringBuilder().append(reference.getProperty(Constants.SERVICE_ID)).append(' ')
                    .append(Arrays.toString((String[]) reference.getProperty(Constants.OBJECTCLASS)));
            Bundle[] users = reference.getUsingBundles();
            for (Bundle user : users == null ? new Bundle[0] : users) {
                text.append("\n    Used by bundle ").append(user.getBundleId()).append(" (")
                        .append(user.getSymbolicName()).append(':').append(user.getVersion()).append(')');
            }
            services.add(text.toString());
        }
        return services;
    }

    private String bundleName(Long id) {
        Bundle bundle = context.getBundle(id);
        return bundle == null ? null : bundle.getSymbolicName() + ":" + bundle.getVersion();
    }
}
