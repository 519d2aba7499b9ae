// Reads a request's JSON body the way the spec types it: the first problem (not JSON, not an
// object, a wrong type, an unknown field where the schema forbids extra ones) becomes one 400
// message that names the field, e.g. "Field 'name' must be a string, not a number."
#pragma once

#include "ApiError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace benchtop::server {

class JsonBody
{
public:
    // Parses `body` as a JSON object; on failure failure() is set.
    explicit JsonBody(const QByteArray &body);
    // Wraps an object already parsed (an item of a bulk request); `where` prefixes messages.
    JsonBody(QJsonObject object, QString where);

    bool ok() const { return !m_failure.has_value(); }
    const std::optional<ApiFailure> &failure() const { return m_failure; }
    const QJsonObject &object() const { return m_object; }
    bool has(const QString &key) const { return m_object.contains(key); }

    // Fails on any key not in `allowed` (for schemas with additionalProperties: false).
    JsonBody &allowOnly(const QStringList &allowed);
    JsonBody &require(const QStringList &keys);

    // Typed reads. A missing key gives the fallback; a wrong type fails (and gives the
    // fallback). Nullable reads accept JSON null as "absent".
    QString string(const QString &key, const QString &fallback = {});
    std::optional<QString> optionalString(const QString &key); // nullopt if absent or null
    bool boolean(const QString &key, bool fallback = false);
    std::optional<double> number(const QString &key);
    std::optional<qint64> integer(const QString &key);
    QJsonArray array(const QString &key);
    QStringList stringList(const QString &key);
    QJsonObject object(const QString &key);
    // One of `allowed` (or absent: fallback).
    QString oneOf(const QString &key, const QStringList &allowed, const QString &fallback = {});

    void fail(const QString &message);

private:
    bool typeIs(const QString &key, QJsonValue::Type type, const char *typeName);
    QString label(const QString &key) const;

    QJsonObject m_object;
    QString m_where;
    std::optional<ApiFailure> m_failure;
};

} // namespace benchtop::server
