#include "ResourceStore.h"

using namespace Qt::StringLiterals;

namespace benchtop::models {

ResourceStore::ResourceStore(QObject *parent)
    : QObject(parent)
{}

void ResourceStore::upsert(const QJsonObject &resource)
{
    const QString id = resource.value(u"id"_s).toString();
    Q_ASSERT_X(!id.isEmpty(), "ResourceStore::upsert", "a resource needs an id");
    if (id.isEmpty())
        return;
    auto it = m_resources.find(id);
    if (it != m_resources.end()) {
        if (*it == resource)
            return;
        *it = resource;
    } else {
        m_resources.insert(id, resource);
    }
    Q_EMIT changed(id);
}

void ResourceStore::remove(const QString &id)
{
    if (m_resources.remove(id))
        Q_EMIT removed(id);
}

} // namespace benchtop::models
