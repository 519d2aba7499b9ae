#include "Auth.h"

#include "Ids.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlError>

namespace benchtop::server {

QString ApiKeys::hash(const QString &key)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<Principal> ApiKeys::authenticate(const QByteArray &authorization) const
{
    // The scheme name is case-insensitive (RFC 7235): "basic" is as good as "Basic".
    if (authorization.size() < 6 || qstrnicmp(authorization.constData(), "basic ", 6) != 0)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    // The key is the user name; Benchling ignores the password, and so do we.
    const QString key = QString::fromUtf8(decoded.decoded.left(decoded.decoded.indexOf(':')));
    if (key.isEmpty())
        return std::nullopt;
    QSqlQuery query = m_db.exec(
        QStringLiteral("SELECT u.id, u.handle, u.name FROM api_keys k JOIN users u ON u.id = "
                       "k.user_id WHERE k.key_hash = ? AND k.revoked_at IS NULL AND "
                       "u.is_suspended = 0"),
        {hash(key)});
    if (!query.next())
        return std::nullopt;
    return Principal{query.value(0).toString(), query.value(1).toString(),
                     query.value(2).toString()};
}

QString ApiKeys::create(const QString &userHandle, const QString &name, QString *error)
{
    QSqlQuery user =
        m_db.exec(QStringLiteral("SELECT id FROM users WHERE handle = ?"), {userHandle});
    if (!user.next()) {
        *error = QStringLiteral("no user with handle \"%1\"").arg(userHandle);
        return {};
    }
    static constexpr char alphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString key = QStringLiteral("sk_");
    for (int i = 0; i < 32; ++i)
        key += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(62)]);
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
