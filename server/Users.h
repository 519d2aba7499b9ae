#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace benchtop::server {

class Database;

// Adds a user ("ent_..." id); nullopt with *error set if the handle is taken or invalid.
std::optional<QString> createUser(Database &db, const QString &handle, const QString &name,
                                  QString *error, const QString &email = {});

// The API's UserSummary ({id, handle, name}) of a user; nullopt if there is no such user.
std::optional<QJsonObject> userSummary(Database &db, const QString &userId);
// The summaries of those of `userIds` that name a user, by id, in one query (per chunk).
QHash<QString, QJsonObject> userSummaries(Database &db, const QStringList &userIds);
// The ids among `userIds` that name no user.
QStringList unknownUsers(Database &db, const QStringList &userIds);

} // namespace benchtop::server
