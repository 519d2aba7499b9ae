#include "Migrations.h"

namespace benchtop::server {

const QList<Migration> &migrations()
{
    // Timestamps are ISO 8601 UTC text with milliseconds: they sort as text on both back ends.
    // parent_storage_id carries no foreign key because it may name a location, box or plate.
    static const QList<Migration> all = {
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
    };
    return all;
}

} // namespace benchtop::server
