// The resource store: one per connection, each API resource held once by its id, shared by every
// model and view. It is the only place that writes resources; models subscribe to changed(id)
// and map the id to their rows (DESIGN §2).
//
// Reads: fetch(id) answers from what is held and asks the server only when nothing is held or
// what is held is older than maxAge (stale-while-revalidate: the old value stays visible while
// the new one loads). Two fetches of one id while a request is in flight share that request.
// A failed fetch keeps whatever was held and records the reason (error(id)).
//
// Writes: a mutation (StoreCommand) shows its result at once with setPending(), then land()s
// with the server's answer or rollBack()s to what the server last said, with the reason.
//
// The store also indexes resources by parent (parentStorageId, without a ":B3" coordinate), so a
// box's tubes or a rack's boxes are known without a scan once a listing has shown them all.
#pragma once

#include "models/api/ApiClient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>

namespace benchtop::models {

class ResourceStore : public QObject
{
    Q_OBJECT
public:
    enum class Policy {
        CacheFirst, // ask the server only when nothing is held or it is stale
        Revalidate, // ask the server in any case (a held value stays visible meanwhile)
    };

    explicit ResourceStore(QObject *parent = nullptr);
    ResourceStore(ApiClient *client, QObject *parent = nullptr);

    ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client) { m_client = client; }
    // How long a value counts as fresh after the server sent it (default 60 s).
    void setMaxAgeMs(qint64 ms) { m_maxAgeMs = ms; }
    qint64 maxAgeMs() const { return m_maxAgeMs; }

    bool contains(const QString &id) const { return m_resources.contains(id); }
    // The resource as last seen (with any pending change applied), or an empty object.
    QJsonObject value(const QString &id) const { return m_resources.value(id).value; }
    qsizetype size() const { return m_resources.size(); }
    bool isFresh(const QString &id) const;
    bool isLoading(const QString &id) const { return m_inFlight.contains(id); }
    bool isPending(const QString &id) const { return m_pending.contains(id); }
    // Why the last fetch or mutation of `id` failed; empty once one succeeds.
    QString error(const QString &id) const { return m_errors.value(id); }

    // Takes the server's version of a resource (it must have an "id"). Keys the new version
    // lacks are kept from the old one: list answers carry extras (a box's tubes carry their
    // gridPosition) that a plain GET does not, and a round trip must not drop them. Emits
    // changed(id) when something differs, and nothing when it is the same. While a mutation of
    // the id is pending, the answer becomes what a rollback returns to.
    void upsert(const QJsonObject &resource);
    void upsertMany(const QJsonArray &resources);
    void remove(const QString &id);

    // Asks for `id` unless a fresh value is held (Policy::CacheFirst) or a request for it is
    // in flight. True when a request went out or was already out. Needs a client.
    bool fetch(const BulkCollection &collection, const QString &id,
               Policy policy = Policy::CacheFirst);

    // The ids held whose parent storage is `parentId`.
    QStringList childrenOf(const QString &parentId) const;
    // A listing showed every child of `parentId`: childrenOf() is complete from now on (the
    // store keeps it so as resources move in and out).
    void setChildrenListed(const QString &parentId);
    bool childrenListed(const QString &parentId) const { return m_listedAt.contains(parentId); }
    bool childrenFresh(const QString &parentId) const;

    // For StoreCommand only. Shows `optimistic` as the value of its id at once.
    void setPending(const QJsonObject &optimistic);
    // The server accepted: its answer becomes the value.
    void land(const QJsonObject &answer);
    // The server refused: the value goes back to what the server last said; error(id) = reason.
    void rollBack(const QString &id, const QString &reason);

    // The parent storage id a resource names, without a grid coordinate ("box_x" of "box_x:B3").
    static QString parentOf(const QJsonObject &resource);

Q_SIGNALS:
    // Something about `id` that a view shows changed: its value, or its load, pending or error
    // state. One signal per id and change.
    void changed(const QString &id);
    void removed(const QString &id);
    // setChildrenListed(parentId) made childrenOf(parentId) complete for the first time (since
    // the parent was last removed).
    void childrenComplete(const QString &parentId);
    void fetchFailed(const QString &id, const benchtop::models::ApiError &error);

private:
    struct Entry
    {
        QJsonObject value;
        qint64 fetchedAtMs = -1; // on m_clock; -1: never from the server
    };
    void store(const QString &id, QJsonObject resource, bool fromServer);
    void reparent(const QString &id, const QString &from, const QString &to);
    qint64 now() const { return m_clock.elapsed(); }

    ApiClient *m_client = nullptr;
    qint64 m_maxAgeMs = 60'000;
    QElapsedTimer m_clock;
    QHash<QString, Entry> m_resources;
    QHash<QString, QSet<QString>> m_children; // parent id -> child ids
    QHash<QString, qint64> m_listedAt;        // parent id -> when its children were listed
    QHash<QString, ApiReply *> m_inFlight;
    // Pending mutations: id -> (count, what the server last said).
    struct Pending
    {
        int count = 0;
        QJsonObject confirmed;
    };
    QHash<QString, Pending> m_pending;
    QHash<QString, QString> m_errors;
};

} // namespace benchtop::models
