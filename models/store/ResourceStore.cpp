#include "ResourceStore.h"

#include "models/Logging.h"

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {

// Whether `incoming` has every key of `held`. QJsonObject keeps its keys sorted, so one walk
// over both answers the common case (a full representation again) without a lookup per key.
bool coversKeys(const QJsonObject &incoming, const QJsonObject &held)
{
    auto in = incoming.begin();
    for (auto it = held.begin(); it != held.end(); ++it) {
        const QString key = it.key();
        while (in != incoming.end() && in.key() < key)
            ++in;
        if (in == incoming.end() || in.key() != key)
            return false; // lacking, or not in the order assumed: the slow path decides
        ++in;
    }
    return true;
}

// `incoming` with the keys it lacks taken from `held` (see upsert()).
QJsonObject merged(QJsonObject incoming, const QJsonObject &held)
{
    if (held.isEmpty() || coversKeys(incoming, held))
        return incoming;
    // A box listing's gridPosition/gridNumber describe the place in that box: once the resource
    // is somewhere else, they would be wrong, not merely missing.
    const bool moved = incoming.contains(u"parentStorageId"_s) &&
                       incoming.value(u"parentStorageId"_s) != held.value(u"parentStorageId"_s);
    for (auto it = held.begin(); it != held.end(); ++it) {
        if (moved && (it.key() == u"gridPosition"_s || it.key() == u"gridNumber"_s))
            continue;
        if (!incoming.contains(it.key()))
            incoming.insert(it.key(), it.value());
    }
    return incoming;
}

} // namespace

ResourceStore::ResourceStore(QObject *parent)
    : ResourceStore(nullptr, parent)
{}

ResourceStore::ResourceStore(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_clock.start();
}

QString ResourceStore::parentOf(const QJsonObject &resource)
{
    const QString parent = resource.value(u"parentStorageId"_s).toString();
    const qsizetype colon = parent.indexOf(u':');
    return colon < 0 ? parent : parent.left(colon);
}

bool ResourceStore::isFresh(const QString &id) const
{
    const auto it = m_resources.constFind(id);
    return it != m_resources.constEnd() && it->fetchedAtMs >= 0 &&
           now() - it->fetchedAtMs <= m_maxAgeMs;
}

bool ResourceStore::childrenFresh(const QString &parentId) const
{
    const auto it = m_listedAt.constFind(parentId);
    return it != m_listedAt.constEnd() && now() - *it <= m_maxAgeMs;
}

QStringList ResourceStore::childrenOf(const QString &parentId) const
{
    const QSet<QString> children = m_children.value(parentId);
    return QStringList(children.begin(), children.end());
}

void ResourceStore::setChildrenListed(const QString &parentId)
{
    const bool first = !m_listedAt.contains(parentId);
    m_listedAt.insert(parentId, now());
    if (first)
        Q_EMIT childrenComplete(parentId);
}

void ResourceStore::reparent(const QString &id, const QString &from, const QString &to)
{
    if (from == to)
        return;
    if (!from.isEmpty()) {
        auto it = m_children.find(from);
        if (it != m_children.end()) {
            it->remove(id);
            if (it->isEmpty())
                m_children.erase(it);
        }
    }
    if (!to.isEmpty())
        m_children[to].insert(id);
}

void ResourceStore::store(const QString &id, QJsonObject resource, bool fromServer)
{
    auto it = m_resources.find(id);
    if (it == m_resources.end()) {
        reparent(id, {}, parentOf(resource));
        m_resources.insert(id, Entry{std::move(resource), fromServer ? now() : -1});
        Q_EMIT changed(id);
        return;
    }
    if (fromServer)
        it->fetchedAtMs = now();
    resource = merged(std::move(resource), it->value);
    if (resource == it->value)
        return;
    reparent(id, parentOf(it->value), parentOf(resource));
    it->value = std::move(resource);
    Q_EMIT changed(id);
}

void ResourceStore::upsert(const QJsonObject &resource)
{
    const QString id = resource.value(u"id"_s).toString();
    Q_ASSERT_X(!id.isEmpty(), "ResourceStore::upsert", "a resource needs an id");
    if (id.isEmpty())
        return;
    const auto pending = m_pending.find(id);
    if (pending != m_pending.end()) {
        // A mutation is under way: what it shows stays; this is what a rollback returns to.
        pending->confirmed = merged(resource, pending->confirmed);
        m_resources[id].fetchedAtMs = now();
        return;
    }
    store(id, resource, true);
}

void ResourceStore::upsertMany(const QJsonArray &resources)
{
    for (const QJsonValue &resource : resources)
        upsert(resource.toObject());
}

void ResourceStore::remove(const QString &id)
{
    const auto it = m_resources.find(id);
    if (it == m_resources.end())
        return;
    reparent(id, parentOf(it->value), {});
    m_resources.erase(it);
    m_pending.remove(id);
    m_errors.remove(id);
    m_children.remove(id);
    m_listedAt.remove(id);
    Q_EMIT removed(id);
}

bool ResourceStore::fetch(const BulkCollection &collection, const QString &id, Policy policy)
{
    if (m_inFlight.contains(id))
        return true;
    if (policy == Policy::CacheFirst && isFresh(id))
        return false;
    Q_ASSERT_X(m_client, "ResourceStore::fetch", "the store has no client");
    if (!m_client)
        return false;
    // Collections with a :bulk-get travel together; the rest (schemas) are a plain GET.
    ApiReply *reply = collection.idsKey.isEmpty()
                          ? m_client->get(collection.path + u'/' + id, {}, this)
                          : m_client->getById(collection, id, this);
    m_inFlight.insert(id, reply);
    connect(reply, &ApiReply::finished, this, [this, id, reply] {
        reply->deleteLater();
        m_inFlight.remove(id);
        if (reply->ok()) {
            const bool hadError = m_errors.remove(id) > 0;
            const QJsonObject before = value(id);
            upsert(reply->json().object());
            if (hadError && value(id) == before)
                Q_EMIT changed(id); // the error state went away
            return;
        }
        qCDebug(lcModels) << "fetch of" << id << "failed:" << reply->error().message;
        m_errors.insert(id, reply->error().displayMessage());
        Q_EMIT fetchFailed(id, reply->error());
        if (contains(id))
            Q_EMIT changed(id);
    });
    if (contains(id))
        Q_EMIT changed(id); // now loading
    return true;
}

void ResourceStore::setPending(const QJsonObject &optimistic)
{
    const QString id = optimistic.value(u"id"_s).toString();
    Pending &pending = m_pending[id];
    if (pending.count++ == 0)
        pending.confirmed = value(id);
    m_errors.remove(id);
    auto it = m_resources.find(id);
    if (it == m_resources.end())
        it = m_resources.insert(id, Entry{});
    reparent(id, parentOf(it->value), parentOf(optimistic));
    it->value = merged(optimistic, it->value);
    Q_EMIT changed(id);
}

void ResourceStore::land(const QJsonObject &answer)
{
    const QString id = answer.value(u"id"_s).toString();
    auto pending = m_pending.find(id);
    if (pending != m_pending.end() && --pending->count > 0) {
        // A later mutation of the same id is still out: it keeps showing.
        pending->confirmed = merged(answer, pending->confirmed);
        return;
    }
    if (pending != m_pending.end())
        m_pending.erase(pending);
    auto it = m_resources.find(id);
    if (it != m_resources.end())
        it->fetchedAtMs = now();
    const QJsonObject before = value(id);
    store(id, answer, true);
    if (value(id) == before)
        Q_EMIT changed(id); // no longer pending
}

void ResourceStore::rollBack(const QString &id, const QString &reason)
{
    auto pending = m_pending.find(id);
    if (pending == m_pending.end())
        return;
    const QJsonObject confirmed = pending->confirmed;
    if (--pending->count == 0)
        m_pending.erase(pending);
    m_errors.insert(id, reason);
    auto it = m_resources.find(id);
    if (confirmed.isEmpty()) { // nothing was known before the mutation
        remove(id);
        return;
    }
    reparent(id, parentOf(it->value), parentOf(confirmed));
    it->value = confirmed;
    Q_EMIT changed(id);
}

} // namespace benchtop::models
