// Notebook and tenant resources: entries, folders, projects and users.
#pragma once

#include "Resource.h"

namespace benchtop::models {

class Entry : public Resource
{
public:
    using Resource::Resource;
    static Entry fromJson(const QJsonObject &json) { return Entry(json); }
    QString displayId() const { return string(u"displayId"); }
    QString folderId() const { return string(u"folderId"); }
    QJsonArray days() const { return m_json.value(QStringLiteral("days")).toArray(); }
    QStringList authorIds() const
    {
        QStringList ids;
        for (const QJsonValue &author : m_json.value(QStringLiteral("authors")).toArray())
            ids.append(author.toObject().value(QStringLiteral("id")).toString());
        return ids;
    }
};

class Folder : public Resource
{
public:
    using Resource::Resource;
    static Folder fromJson(const QJsonObject &json) { return Folder(json); }
    QString parentFolderId() const { return string(u"parentFolderId"); }
    QString projectId() const { return string(u"projectId"); }
};

class Project : public Resource
{
public:
    using Resource::Resource;
    static Project fromJson(const QJsonObject &json) { return Project(json); }
    QString ownerId() const
    {
        return m_json.value(QStringLiteral("owner"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
};

class User : public Resource
{
public:
    using Resource::Resource;
    static User fromJson(const QJsonObject &json) { return User(json); }
    QString handle() const { return string(u"handle"); }
    QString email() const { return string(u"email"); }
    bool isSuspended() const { return m_json.value(QStringLiteral("isSuspended")).toBool(); }
};

} // namespace benchtop::models
