// What a user has seen, on disk: the answers of successful GETs in a SQLite file of one
// connection, so the app opens read-only without a network (issue #4).
//
// Two tables, both bounded together by `maxBytes` with least-recently-used eviction:
// - answers: whole bodies keyed by "GET <path>?<query, items sorted>", for lists, pages and
//   anything that is not a single resource.
// - resources: every object with an "id" found at the top of an answer or in a top-level array
//   of it (a list page, a bulk-get), keyed by that id (API ids are unique across kinds). A GET
//   of `/<collection>/<id>` is answered from here only, so a container seen in a box listing
//   opens offline even if it was never opened alone, and the newest copy seen anywhere wins;
//   `/<collection>:bulk-get?<x>Ids=a,b` is assembled from here when every id is known.
// Task polls (/tasks/...) and tokens are never stored: a cached RUNNING would poll forever.
//
// All SQL runs on a worker thread with its own connection. store() only queues the raw body
// (a few microseconds on the GUI thread); the worker parses and writes queued bodies in one
// transaction per batch. lookup() answers on the caller's thread through the event loop and
// sees every write queued before it. A file that is corrupt or not a database is discarded and
// started afresh with a warning; one that cannot be created leaves the cache disabled.
#pragma once

#include <QDateTime>
#include <QJsonDocument>
#include <QObject>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QThread;

namespace benchtop::models {

class OfflineCacheWorker;

class OfflineCache : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QByteArray body; // JSON as the server sent it (or assembled from stored resources)
        QDateTime storedAt;
        QJsonDocument json = {}; // `body` parsed by lookup() on the worker; null if unreadable
    };
    struct Stats
    {
        int answers = 0;
        int resources = 0;
        qint64 bytes = 0;
    };

    explicit OfflineCache(const QString &path, qint64 maxBytes = 256LL * 1024 * 1024,
                          QObject *parent = nullptr);
    // Writes what is still queued, then stops the worker.
    ~OfflineCache() override;

    QString path() const { return m_path; }
    // False when the file could not be opened or created at all (the app runs without it).
    bool isUsable() const;

    static bool isCacheable(const QString &path);
    static QString keyFor(const QString &path, const QUrlQuery &query);

    // Queues a successful GET's body for the worker; returns at once.
    void store(const QString &path, const QUrlQuery &query, const QByteArray &body);
    // Calls `done` on this cache's thread with the stored answer (parsed off the GUI thread),
    // or nullopt. Not called when `context` (living on this cache's thread) is gone by then.
    void lookup(const QString &path, const QUrlQuery &query, QObject *context,
                std::function<void(std::optional<Entry>)> done);

    // Blocks until every queued write is on disk; how long the worker spent writing them.
    qint64 waitForWrites();
    Stats stats();
    void setMaxBytes(qint64 maxBytes);

private:
    QString m_path;
    QThread *m_thread;
    OfflineCacheWorker *m_worker;
};

} // namespace benchtop::models
