// API keys: Benchling's HTTP Basic scheme with the key as user name and an empty password.
// Keys are 32 random base-62 characters (~190 bits), so a plain SHA-256 of the key is a safe
// stored form (as for GitHub tokens): no slow hash is needed against guessing.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace benchtop::server {

class Database;

struct Principal
{
    QString userId;
    QString handle;
    QString name;
};

struct ApiKeyInfo
{
    QString id;
    QString name;
    QString userHandle;
    QString createdAt;
    QString revokedAt;
};

class ApiKeys
{
public:
    explicit ApiKeys(Database &db)
        : m_db(db)
    {}

    // The user behind an "Authorization: Basic ..." header, if the key is known and live.
    std::optional<Principal> authenticate(const QByteArray &authorization) const;

    // Issues a key for the user with that handle; returns the key (shown once), or an empty
    // string with *error set.
    QString create(const QString &userHandle, const QString &name, QString *error);
    // Revokes one live key by id ("key_...") or name; false with *error set if none matches
    // or the name is ambiguous (then it lists the ids to choose from).
    bool revoke(const QString &idOrName, QString *error);
    // Deletes the revoked keys whose name starts with `namePrefix` (spent session keys).
    void purgeRevoked(const QString &namePrefix);
    QList<ApiKeyInfo> list() const;

    static QString hash(const QString &key);

private:
    Database &m_db;
};

} // namespace benchtop::server
