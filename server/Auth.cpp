#include "Auth.h"

#include "Ids.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlError>

namespace benchtop::server {

QString ApiKeys::hash(const QString &key)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

namespace {

QString randomSecret(const QString &prefix, int length)
{
    static constexpr char alphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString secret = prefix;
    for (int i = 0; i < length; ++i)
        secret += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(62)]);
    return secret;
}

bool hasScheme(const QByteArray &authorization, const char *scheme)
{
    // The scheme name is case-insensitive (RFC 7235): "basic" is as good as "Basic".
    const auto length = qstrlen(scheme);
    return authorization.size() > qsizetype(length) &&
           qstrnicmp(authorization.constData(), scheme, length) == 0;
}

} // namespace

std::optional<Principal> ApiKeys::authenticate(const QByteArray &authorization,
                                               QString *reason) const
{
    const auto fail = [reason](const QString &why) {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    const QString userColumns = QStringLiteral("SELECT u.id, u.handle, u.name, k.id");
    QSqlQuery query;
    if (hasScheme(authorization, "bearer ")) {
        const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
        query = m_db.exec(
            userColumns +
                QStringLiteral(", t.expires_at FROM access_tokens t JOIN api_keys k ON k.id = "
                               "t.key_id JOIN users u ON u.id = k.user_id WHERE t.token_hash = ? "
                               "AND k.revoked_at IS NULL AND u.is_suspended = 0"),
            {hash(token)});
        if (!query.next())
            return fail(QStringLiteral("The bearer token is not known to this server; request "
                                       "a token from /api/v2/token."));
        if (query.value(4).toString() <= timestampNow())
            return fail(QStringLiteral("The bearer token has expired; request a new one from "
                                       "/api/v2/token."));
    } else if (hasScheme(authorization, "basic ")) {
        const auto decoded = QByteArray::fromBase64Encoding(
            authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("The Authorization header is not valid Basic "
                                       "authentication (the credentials are not base64)."));
        // The key is the user name; Benchling ignores the password, and so do we.
        const QString key = QString::fromUtf8(decoded.decoded.left(decoded.decoded.indexOf(':')));
        if (key.isEmpty())
            return fail(QStringLiteral("Send the API key as the user name of HTTP Basic "
                                       "authentication."));
        query = m_db.exec(
            userColumns +
                QStringLiteral(" FROM api_keys k JOIN users u ON u.id = k.user_id WHERE "
                               "k.key_hash = ? AND k.revoked_at IS NULL AND u.is_suspended = 0"),
            {hash(key)});
        if (!query.next())
            return fail(QStringLiteral("The API key is not valid (unknown or revoked)."));
    } else {
        return fail(authorization.isEmpty()
                        ? QStringLiteral("Authentication is required: send an API key as the user "
                                         "name of HTTP Basic authentication, or an OAuth bearer "
                                         "token.")
                        : QStringLiteral("Unsupported Authorization scheme: use Basic (API key) "
                                         "or Bearer (OAuth token)."));
    }
    return Principal{query.value(0).toString(), query.value(1).toString(),
                     query.value(2).toString(), query.value(3).toString()};
}

std::optional<AccessToken> ApiKeys::issueToken(const QString &clientId, const QString &clientSecret,
                                               int lifetimeSeconds)
{
    QSqlQuery key = m_db.exec(QStringLiteral("SELECT k.id FROM api_keys k JOIN users u ON u.id = "
                                             "k.user_id WHERE k.id = ? AND k.key_hash = ? AND "
                                             "k.revoked_at IS NULL AND u.is_suspended = 0"),
                              {clientId, hash(clientSecret)});
    if (!key.next())
        return std::nullopt;
    const QString token = randomSecret(QStringLiteral("tok_"), 40);
    const QString expires =
        QDateTime::currentDateTimeUtc().addSecs(lifetimeSeconds).toString(Qt::ISODateWithMs);
    // Spent tokens of this client go when a new one is issued, so the table stays small.
    m_db.exec(QStringLiteral("DELETE FROM access_tokens WHERE key_id = ? AND expires_at <= ?"),
              {clientId, timestampNow()});
    if (m_db.exec(QStringLiteral("INSERT INTO access_tokens (token_hash, key_id, expires_at) "
                                 "VALUES (?, ?, ?)"),
                  {hash(token), clientId, expires})
            .lastError()
            .isValid())
        return std::nullopt;
    return AccessToken{token, lifetimeSeconds};
}

QString ApiKeys::create(const QString &userHandle, const QString &name, QString *error)
{
    QSqlQuery user =
        m_db.exec(QStringLiteral("SELECT id FROM users WHERE handle = ?"), {userHandle});
    if (!user.next()) {
        *error = QStringLiteral("no user with handle \"%1\"").arg(userHandle);
        return {};
    }
    const QString key = randomSecret(QStringLiteral("sk_"), 32);
    QSqlQuery insert =
        m_db.exec(QStringLiteral("INSERT INTO api_keys (id, user_id, name, key_hash, created_at) "
                                 "VALUES (?, ?, ?, ?, ?)"),
                  {newId(u"key_"), user.value(0), name, hash(key), timestampNow()});
    if (insert.lastError().isValid()) {
        *error = insert.lastError().text();
        return {};
    }
    return key;
}

bool ApiKeys::revoke(const QString &idOrName, QString *error)
{
    // Names are not unique across users: a name must pick out exactly one live key.
    QSqlQuery matches = m_db.exec(QStringLiteral("SELECT id FROM api_keys WHERE (id = ? OR name = "
                                                 "?) AND revoked_at IS NULL ORDER BY id"),
                                  {idOrName, idOrName});
    QStringList ids;
    while (matches.next())
        ids.append(matches.value(0).toString());
    if (ids.isEmpty()) {
        *error = QStringLiteral("no live key with id or name \"%1\"").arg(idOrName);
        return false;
    }
    if (ids.size() > 1) {
        *error = QStringLiteral("%1 live keys are named \"%2\"; revoke one by id: %3")
                     .arg(ids.size())
                     .arg(idOrName, ids.join(QStringLiteral(", ")));
        return false;
    }
    return m_db.exec(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ?"),
                     {timestampNow(), ids.first()})
               .numRowsAffected() == 1;
}

void ApiKeys::purgeRevoked(const QString &namePrefix)
{
    m_db.exec(QStringLiteral("DELETE FROM access_tokens WHERE key_id IN (SELECT id FROM api_keys "
                             "WHERE revoked_at IS NOT NULL AND SUBSTR(name, 1, ?) = ?)"),
              {namePrefix.size(), namePrefix});
    m_db.exec(QStringLiteral("DELETE FROM api_keys WHERE revoked_at IS NOT NULL AND "
                             "SUBSTR(name, 1, ?) = ?"),
              {namePrefix.size(), namePrefix});
}

QList<ApiKeyInfo> ApiKeys::list() const
{
    QList<ApiKeyInfo> keys;
    QSqlQuery query = m_db.exec(
        QStringLiteral("SELECT k.id, k.name, u.handle, k.created_at, k.revoked_at FROM api_keys k "
                       "JOIN users u ON u.id = k.user_id ORDER BY k.created_at, k.id"));
    while (query.next()) {
        keys.append({query.value(0).toString(), query.value(1).toString(),
                     query.value(2).toString(), query.value(3).toString(),
                     query.value(4).toString()});
    }
    return keys;
}

} // namespace benchtop::server
