#include "JsonBody.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

} // namespace

JsonBody::JsonBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    // Qt 6.4 refuses a top-level scalar ("42") as a parse error, though it is valid JSON.
    const bool scalar = error.error != QJsonParseError::NoError && !body.trimmed().isEmpty() &&
                        QJsonDocument::fromJson('[' + body + ']').isArray();
    if (scalar) {
        fail(u"The request body must be a JSON object, not a single value."_s);
    } else if (error.error != QJsonParseError::NoError) {
        fail(u"The request body is not valid JSON (%1 at byte %2)."_s.arg(error.errorString())
                 .arg(error.offset));
    } else if (!document.isObject()) {
        fail(u"The request body must be a JSON object."_s);
    } else {
        m_object = document.object();
    }
}

JsonBody::JsonBody(QJsonObject object, QString where)
    : m_object(std::move(object))
    , m_where(std::move(where))
{}

void JsonBody::fail(const QString &message)
{
    if (!m_failure)
        m_failure =
            ApiFailure::badRequest(m_where.isEmpty() ? message : m_where + u": "_s + message);
}

QString JsonBody::label(const QString &key) const
{
    return u"Field '"_s + key + u'\'';
}

JsonBody &JsonBody::allowOnly(const QStringList &allowed)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            fail(u"%1 is not a field of this request; the fields are: %2."_s.arg(
                label(it.key()), allowed.join(u", "_s)));
            break;
        }
    }
    return *this;
}

JsonBody &JsonBody::require(const QStringList &keys)
{
    for (const QString &key : keys) {
        if (!m_object.contains(key) || m_object.value(key).isNull()) {
            fail(u"%1 is required."_s.arg(label(key)));
            break;
        }
    }
    return *this;
}

bool JsonBody::typeIs(const QString &key, QJsonValue::Type type, const char *name)
{
    const QJsonValue value = m_object.value(key);
    if (value.type() == type)
        return true;
    fail(u"%1 must be %2, not %3."_s.arg(label(key), QString::fromLatin1(name), typeName(value)));
    return false;
}

QString JsonBody::string(const QString &key, const QString &fallback)
{
    if (!m_object.contains(key))
        return fallback;
    return typeIs(key, QJsonValue::String, "a string") ? m_object.value(key).toString() : fallback;
}

std::optional<QString> JsonBody::optionalString(const QString &key)
{
    if (!m_object.contains(key) || m_object.value(key).isNull())
        return std::nullopt;
    if (!typeIs(key, QJsonValue::String, "a string"))
        return std::nullopt;
    return m_object.value(key).toString();
}

bool JsonBody::boolean(const QString &key, bool fallback)
{
    if (!m_object.contains(key))
        return fallback;
    return typeIs(key, QJsonValue::Bool, "a boolean") ? m_object.value(key).toBool() : fallback;
}

std::optional<double> JsonBody::number(const QString &key)
{
    if (!m_object.contains(key) || m_object.value(key).isNull())
        return std::nullopt;
    if (!typeIs(key, QJsonValue::Double, "a number"))
        return std::nullopt;
    return m_object.value(key).toDouble();
}

std::optional<qint64> JsonBody::integer(const QString &key)
{
    const auto value = number(key);
    if (!value)
        return std::nullopt;
    if (std::floor(*value) != *value || std::abs(*value) > 9.0e15) {
        fail(u"%1 must be a whole number."_s.arg(label(key)));
        return std::nullopt;
    }
    return static_cast<qint64>(*value);
}

QJsonArray JsonBody::array(const QString &key)
{
    if (!m_object.contains(key))
        return {};
    return typeIs(key, QJsonValue::Array, "an array") ? m_object.value(key).toArray()
                                                      : QJsonArray();
}

QStringList JsonBody::stringList(const QString &key)
{
    QStringList values;
    const QJsonArray items = array(key);
    for (const QJsonValue &item : items) {
        if (!item.isString()) {
            fail(u"%1 must be a list of strings; it holds %2."_s.arg(label(key), typeName(item)));
            return {};
        }
        values.append(item.toString());
    }
    return values;
}

QJsonObject JsonBody::object(const QString &key)
{
    if (!m_object.contains(key) || m_object.value(key).isNull())
        return {};
    return typeIs(key, QJsonValue::Object, "an object") ? m_object.value(key).toObject()
                                                        : QJsonObject();
}

QString JsonBody::oneOf(const QString &key, const QStringList &allowed, const QString &fallback)
{
    if (!m_object.contains(key))
        return fallback;
    const QString value = string(key, fallback);
    if (ok() && !allowed.contains(value)) {
        fail(u"%1 must be one of %2, not \"%3\"."_s.arg(label(key), allowed.join(u", "_s), value));
        return fallback;
    }
    return value;
}

} // namespace benchtop::server
