#pragma once

#include <QString>

#include <optional>

namespace benchtop::server {

class Database;

// Adds a user ("ent_..." id); nullopt with *error set if the handle is taken or invalid.
std::optional<QString> createUser(Database &db, const QString &handle, const QString &name,
                                  QString *error, const QString &email = {});

} // namespace benchtop::server
