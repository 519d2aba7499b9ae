#include "Migrations.h"

namespace benchtop::server {

QList<Migration> migrations(bool postgres)
{
    // Timestamps are ISO 8601 UTC text with milliseconds: they sort as text on both back ends.
    // parent_storage_id carries no foreign key because it may name a location, box or plate.
    QList<Migration> all = {
        {1,
         {
             QStringLiteral(
                 "CREATE TABLE users (id TEXT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, "
                 "name TEXT NOT NULL, email TEXT, is_suspended INTEGER NOT NULL DEFAULT 0, "
                 "created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"),
             QStringLiteral(
                 "CREATE TABLE api_keys (id TEXT PRIMARY KEY, user_id TEXT NOT NULL "
                 "REFERENCES users(id), name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, "
                 "created_at TEXT NOT NULL, revoked_at TEXT)"),
             QStringLiteral("CREATE TABLE schemas (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                            "name TEXT NOT NULL, definition TEXT NOT NULL DEFAULT '{}', "
                            "created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE locations (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                            "barcode TEXT UNIQUE, parent_storage_id TEXT, schema_id TEXT "
                            "REFERENCES schemas(id), fields TEXT NOT NULL DEFAULT '{}', "
                            "archive_reason TEXT, creator_id TEXT "
                            "REFERENCES users(id), created_at TEXT NOT NULL, "
                            "modified_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX locations_parent ON locations(parent_storage_id)"),
             QStringLiteral("CREATE INDEX locations_modified ON locations(modified_at, id)"),
             QStringLiteral("CREATE INDEX locations_name ON locations(name, id)"),
         }},
        // Every resource the API serves lives in one table: the columns that lists filter,
        // sort and constrain on, plus the rest of the resource as JSON in `data`. One code path
        // serves every kind (DESIGN §3), and the constraints that matter hold in the database
        // itself: a barcode is unique across the registry, and a box or plate position holds
        // one thing (UNIQUE (parent_id, position)), so two racing moves cannot both win.
        {2,
         {
             QStringLiteral("CREATE TABLE resources (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                            "name TEXT NOT NULL DEFAULT '', name_folded TEXT NOT NULL DEFAULT '', "
                            "barcode TEXT UNIQUE, parent_id TEXT, position TEXT, "
                            "schema_id TEXT REFERENCES schemas(id), archive_reason TEXT, "
                            "creator_id TEXT REFERENCES users(id), created_at TEXT NOT NULL, "
                            "modified_at TEXT NOT NULL, data TEXT NOT NULL DEFAULT '{}', "
                            "UNIQUE (parent_id, position))"),
             QStringLiteral("INSERT INTO resources (id, kind, name, name_folded, barcode, "
                            "parent_id, schema_id, archive_reason, creator_id, created_at, "
                            "modified_at, data) SELECT id, 'location', name, LOWER(name), "
                            "barcode, parent_storage_id, schema_id, archive_reason, creator_id, "
                            "created_at, modified_at, '{\"fields\":' || fields || '}' "
                            "FROM locations"),
             QStringLiteral("DROP TABLE locations"),
             QStringLiteral("CREATE INDEX resources_modified ON resources(kind, modified_at, id)"),
             QStringLiteral("CREATE INDEX resources_created ON resources(kind, created_at, id)"),
             QStringLiteral("CREATE INDEX resources_name ON resources(kind, name, id)"),
             QStringLiteral("CREATE INDEX resources_parent ON resources(parent_id, kind)"),
             // Background work behind "202 {taskId}".
             QStringLiteral("CREATE TABLE tasks (id TEXT PRIMARY KEY, status TEXT NOT NULL, "
                            "message TEXT, response TEXT, errors TEXT, creator_id TEXT, "
                            "created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"),
             // OAuth2 client-credentials tokens, stored hashed like API keys.
             QStringLiteral("CREATE TABLE access_tokens (token_hash TEXT PRIMARY KEY, "
                            "key_id TEXT NOT NULL REFERENCES api_keys(id), "
                            "expires_at TEXT NOT NULL)"),
         }},
    };
    // Each part of the API adds its own tables in its own step (see the files they live in).
    all.append({3, inventoryMigration(postgres)});
    all.append({4, sequenceMigration(postgres)});
    all.append({5, notebookMigration(postgres)});
    return all;
}

} // namespace benchtop::server
