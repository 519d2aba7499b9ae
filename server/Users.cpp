#include "Users.h"

#include "Ids.h"
#include "Resources.h"
#include "storage/Database.h"

#include <QRegularExpression>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace benchtop::server {

std::optional<QString> createUser(Database &db, const QString &handle, const QString &name,
                                  QString *error, const QString &email)
{
    static const QRegularExpression validHandle(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    if (!validHandle.match(handle).hasMatch()) {
        *error =
            u"\"%1\" is not a valid handle: use letters, digits, '.', '_' or '-'"_s.arg(handle);
        return std::nullopt;
    }
    QSqlQuery taken = db.exec(u"SELECT 1 FROM users WHERE handle = ?"_s, {handle});
    if (taken.next()) {
        *error = u"a user with handle \"%1\" exists already"_s.arg(handle);
        return std::nullopt;
    }
    const QString id = newId(u"ent_");
    const QString now = timestampNow();
    QSqlQuery insert = db.exec(u"INSERT INTO users (id, handle, name, email, created_at, "
                               "modified_at) VALUES (?, ?, ?, ?, ?, ?)"_s,
                               {id, handle, name.isEmpty() ? handle : name,
                                email.isEmpty() ? QVariant() : QVariant(email), now, now});
    if (insert.lastError().isValid()) {
        *error = insert.lastError().text();
        return std::nullopt;
    }
    return id;
}

} // namespace benchtop::server

namespace benchtop::server {

std::optional<QJsonObject> userSummary(Database &db, const QString &userId)
{
    QSqlQuery query = db.exec(u"SELECT handle, name FROM users WHERE id = ?"_s, {userId});
    if (!query.next())
        return std::nullopt;
    return QJsonObject{{u"id"_s, userId},
                       {u"handle"_s, query.value(0).toString()},
                       {u"name"_s, query.value(1).toString()}};
}

QHash<QString, QJsonObject> userSummaries(Database &db, const QStringList &userIds)
{
    QHash<QString, QJsonObject> users;
    selectInChunks(db, u"SELECT id, handle, name FROM users WHERE id IN (%1)"_s, {}, userIds,
                   [&users](const QSqlQuery &query) {
                       users.insert(query.value(0).toString(),
                                    {{u"id"_s, query.value(0).toString()},
                                     {u"handle"_s, query.value(1).toString()},
                                     {u"name"_s, query.value(2).toString()}});
                   });
    return users;
}

QStringList unknownUsers(Database &db, const QStringList &userIds)
{
    QStringList unknown;
    for (const QString &id : userIds) {
        if (!db.exec(u"SELECT 1 FROM users WHERE id = ?"_s, {id}).next())
            unknown.append(id);
    }
    return unknown;
}

} // namespace benchtop::server
