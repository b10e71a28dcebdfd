package dev.plinth.api.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dev.plinth.api.PluginException;

/**
 * The settings of installed plugins, registered as an OSGi service by {@code dev.plinth.settings}. The shell's
 * {@code plugin:settings}, {@code plugin:set} and {@code plugin:unset}, the REST API's
 * {@code /api/plugins/{id}/settings} and the command line all go through it.
 *
 * <p>Values are given as an operator types them (text); a multi-valued attribute takes several texts, or one text
 * with its values separated by commas ({@code \,} for a comma inside a value). Nothing is stored unless every value
 * of the call is valid; a refusal names each key and why.
 */
@ProviderType
public interface PluginSettings {

    /**
     * The settings of an installed plugin: every configuration its bundle describes with Metatype.
     *
     * @param pluginId the plugin's id (its bundle's symbolic name)
     * @throws PluginException {@code NOT_FOUND} when no such plugin is installed
     */
    PluginSettingsView settings(String pluginId) throws PluginException;

    /**
     * The problems of every plugin that runs misconfigured, by plugin id, as {@link #settings} gives them in
     * {@link PluginSettingsView#problems()}: read without reading any plugin's settings, for lists of plugins.
     *
     * @return the problems by plugin id; a plugin configured as stored is not in it
     * @throws PluginException {@code PROTECTED} when a plugin asks
     */
    Map<String, List<String>> problems() throws PluginException;

    /**
     * Why the runtime's secret key cannot be used (a key file others may read, a malformed {@code PLINTH_SECRET_KEY},
     * a key file named but missing, ...), with what to do; never a key or a secret. While it cannot, no secret can
     * be stored or delivered.
     *
     * @return the problem; empty when the key can be used (or is yet to be created at first need)
     * @throws PluginException {@code PROTECTED} when a plugin asks
     */
    Optional<String> secretKeyProblem() throws PluginException;

    /**
     * Validates and stores values of one configuration of a plugin.
     *
     * @param pluginId the plugin's id
     * @param pid the configuration's PID, a factory configuration as {@code factoryPid~name}; {@code null} when the
     *        plugin describes a single configuration
     * @param values texts by key
     * @param origin who asked, as the history records it ({@code shell}, {@code rest}, ...)
     * @return the plugin's settings after the change
     * @throws InvalidSettingsException when a value is refused (nothing is stored)
     * @throws PluginException {@code SETTINGS_LOCKED} when a key is set in a file of {@code etc/},
     *         {@code NOT_FOUND} for an unknown plugin, PID or key
     */
    PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
            throws PluginException;

    /**
     * Removes values an operator set, so that the defaults (or a file's values) apply again.
     *
     * @param pluginId the plugin's id
     * @param pid as for {@link #set}; for a factory configuration, unsetting every key deletes it
     * @param keys the keys; empty for every key of the configuration
     * @param origin who asked
     * @return the plugin's settings after the change
     * @throws PluginException as for {@link #set}
     */
    PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin) throws PluginException;

    /**
     * Checks values before they are set, changing nothing: as {@link #set} checks them (unknown key, type,
     * cardinality, options, range), against the metatype of the version that will run, the archive's when given (a
     * plugin about to be installed or upgraded), else the installed plugin's. A plugin set's apply checks every
     * member's settings so before its first change.
     *
     * @param pluginId the plugin's id
     * @param archive the archive of the version that will run, or {@code null} for the installed one
     * @param pid the configuration's PID, a factory configuration as {@code factoryPid~name}
     * @param values texts by key
     * @return the refusals (never a secret's value), empty when every value is accepted
     * @throws PluginException {@code NOT_FOUND} when no archive is given and the plugin is not installed,
     *         {@code INVALID_ARCHIVE} when the archive's metatype cannot be read, and whenever the check cannot be
     *         made (a service that cannot check refuses)
     */
    default List<SettingRefusal> check(String pluginId, java.nio.file.Path archive, String pid,
            Map<String, List<String>> values) throws PluginException {
        throw new PluginException(PluginException.Code.INVALID_INPUT, "the settings of " + pluginId
                + " cannot be checked before they are set by this settings service");
    }

    /**
     * Creates a new secret key and re-encrypts every stored secret with it; the old key is kept until every
     * secret is re-encrypted, so a crash part-way loses nothing.
     *
     * @return how many stored secrets were re-encrypted
     * @throws PluginException {@code IO_ERROR} when the key or a secret cannot be written
     */
    int rotateKey() throws PluginException;
}
