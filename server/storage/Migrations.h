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

const QList<Migration> &migrations();

} // namespace benchtop::server
