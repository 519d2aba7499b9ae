#pragma once

#include <QList>
#include <QStringList>

namespace benchtop::server {

// One step of the schema; applied once, in order, in one transaction. Statements are plain SQL
// that SQLite and PostgreSQL both accept. Never edit a released step: add a new one.
struct Migration
{
    int version;
    QStringList statements;
};

// `postgres` lets a step pick a type that differs (BLOB vs BYTEA); everything else is shared.
QList<Migration> migrations(bool postgres);

// The steps each part of the API owns (server/*Routes.cpp keep them beside their SQL).
QStringList inventoryMigration(bool postgres);
QStringList sequenceMigration(bool postgres);
QStringList notebookMigration(bool postgres);

} // namespace benchtop::server
