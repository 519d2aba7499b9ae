// Typed resources: thin value classes over the JSON the server sent. Accessors read the JSON;
// setters change it in place; toJson() gives back the whole object, keys this client does not
// know included, so a resource read, changed and written back never drops data.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace benchtop::models {

class Resource
{
public:
    Resource() = default;
    explicit Resource(QJsonObject json)
        : m_json(std::move(json))
    {}

    bool isNull() const { return m_json.isEmpty(); }
    QString id() const { return string(u"id"); }
    QString name() const { return string(u"name"); }
    void setName(const QString &name) { m_json.insert(QStringLiteral("name"), name); }
    QString createdAt() const { return string(u"createdAt"); }
    QString modifiedAt() const { return string(u"modifiedAt"); }
    QString webUrl() const { return string(u"webURL"); }
    bool isArchived() const { return m_json.value(QStringLiteral("archiveRecord")).isObject(); }
    QString schemaId() const
    {
        return m_json.value(QStringLiteral("schema"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
    // A schema field's value ("fields": {"Concentration": {"value": ...}}).
    QJsonValue field(const QString &name) const
    {
        return m_json.value(QStringLiteral("fields"))
            .toObject()
            .value(name)
            .toObject()
            .value(QStringLiteral("value"));
    }

    const QJsonObject &json() const { return m_json; }
    QJsonObject toJson() const { return m_json; }
    bool operator==(const Resource &other) const { return m_json == other.m_json; }

protected:
    QString string(QStringView key) const { return m_json.value(key).toString(); }
    QJsonObject m_json;
};

} // namespace benchtop::models
