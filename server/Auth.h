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
    QString keyId; // the API key (or OAuth client) the request came with: rate limits count per key
};

// An OAuth2 access token issued by POST /api/v2/token.
struct AccessToken
{
    QString token;
    int expiresInSeconds = 0;
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

    // The user behind an "Authorization: Basic <key>" or "Bearer <token>" header, if the key is
    // known and live (and the token unexpired). On failure *reason (if given) says why, in
    // words a client's developer can act on.
    std::optional<Principal> authenticate(const QByteArray &authorization,
                                          QString *reason = nullptr) const;

    // OAuth2 client credentials: an API key is also a client, its id ("key_...") the client id
    // and the key the secret. Returns nullopt if they do not match a live key.
    std::optional<AccessToken> issueToken(const QString &clientId, const QString &clientSecret,
                                          int lifetimeSeconds);

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
