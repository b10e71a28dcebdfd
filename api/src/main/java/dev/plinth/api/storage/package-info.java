/**
 * Plugin storage: a database of a plugin's own ({@code javax.sql.DataSource}), its schema created and changed by
 * versioned migrations in the plugin's bundle ({@code db/migration/V<version>__<description>.sql}, and
 * {@link dev.plinth.api.storage.Migration} classes in the package {@code db.migration}), run as steps of the
 * plugin manager's plans, with the data of before an upgrade kept for {@code plugin:rollback}.
 *
 * <p>A plugin asks for storage with {@link dev.plinth.api.storage.RequireStorage} and gets its database with a DS
 * reference to {@code javax.sql.DataSource} whose target is {@link dev.plinth.api.storage.PluginStorage#DATA_SOURCE}.
 *
 * <p>Versioned on its own, like {@code dev.plinth.api}: an addition raises the minor version, a break the major.
 */
@Export
@Version("0.1.0")
package dev.plinth.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
