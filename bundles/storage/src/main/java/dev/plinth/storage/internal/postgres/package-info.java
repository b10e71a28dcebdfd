/**
 * The PostgreSQL backend of plugin storage: a role and a schema of the same name per plugin on the server the operator
 * configured, administered as Plinth's own role (CREATEROLE, owner of the database, never a superuser), pooled
 * DataSources from the driver's {@code DataSourceFactory}, snapshots with {@code pg_dump}/{@code pg_restore}.
 */
package dev.plinth.storage.internal.postgres;
