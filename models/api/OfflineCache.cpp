#include "OfflineCache.h"

#include "../Logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace benchtop::models {
namespace {

constexpr int kSchemaVersion = 1;
constexpr int kBatchDelayMs = 20; // gathers the pages of one burst into one transaction
// SQLite's result codes for a damaged file and for a file that is not a database.
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADatabase = 26;

// "/containers/con_1" -> "con_1"; empty when the path is not one resource by id.
QString idInPath(const QString &path)
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() != 2 || parts[0].contains(u':') || parts[1].contains(u':'))
        return {};
    return parts[1];
}

bool isBulkGet(const QString &path)
{
    return path.endsWith(u":bulk-get"_s);
}

// "/dna-sequences:bulk-get" -> "dnaSequences", the list key of Benchling's bulk-get answers.
QString bulkListKey(const QString &path)
{
    QString collection = path.section(u'/', 1, 1).section(u':', 0, 0);
    QString key;
    bool upper = false;
    for (const QChar c : std::as_const(collection)) {
        if (c == u'-') {
            upper = true;
            continue;
        }
        key.append(upper ? c.toUpper() : c);
        upper = false;
    }
    return key;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

// Lives on the cache's thread and owns its SQL connection.
class OfflineCacheWorker : public QObject
{
public:
    struct Pending
    {
        QString path;
        QString key;
        QByteArray body;
        qint64 storedAt;
    };

    OfflineCacheWorker(QString path, qint64 maxBytes)
        : m_path(std::move(path))
        , m_connection(u"benchtop-offline-cache-%1"_s.arg(quintptr(this), 0, 16))
        , m_maxBytes(maxBytes)
    {}
    ~OfflineCacheWorker() override { close(); }

    std::atomic<bool> usable{false};

    void open();
    void enqueue(Pending pending);
    void flushPending();
    std::optional<OfflineCache::Entry> find(const QString &path, const QUrlQuery &query);
    qint64 takeWriteMs() { return std::exchange(m_writeMs, 0); }
    OfflineCache::Stats stats();
    void setMaxBytes(qint64 maxBytes)
    {
        m_maxBytes = maxBytes;
        evict();
    }

private:
    QSqlDatabase db() const { return QSqlDatabase::database(m_connection, false); }
    bool openFile(QString *error);
    void close();
    void discard(const QString &why);
    bool check(QSqlQuery &query, const char *what);
    void upsert(const QString &table, const QString &key, const QByteArray &body, qint64 storedAt);
    void indexResources(const QJsonObject &answer, const QByteArray &body, qint64 storedAt);
    std::optional<OfflineCache::Entry> row(const QString &table, const QString &key);
    std::optional<OfflineCache::Entry> assembleBulk(const QString &path, const QUrlQuery &query);
    void touch(const QString &table, const QString &key);
    void evict();

    QString m_path;
    QString m_connection;
    qint64 m_maxBytes;
    qint64 m_total = 0; // bytes in both tables
    qint64 m_used = 0;  // the LRU clock: higher was used more recently
    qint64 m_writeMs = 0;
    QMutex m_mutex;
    QList<Pending> m_pending;
    bool m_flushQueued = false;
};

void OfflineCacheWorker::open()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QString error;
    if (openFile(&error)) {
        usable = true;
        return;
    }
    discard(error);
    if (openFile(&error)) {
        usable = true;
        return;
    }
    close();
    qCWarning(lcModels).noquote() << "offline cache disabled: cannot use" << m_path << "-" << error;
}

bool OfflineCacheWorker::openFile(QString *error)
{
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        database.setDatabaseName(m_path);
        if (!database.open()) {
            *error = database.lastError().text();
            return false;
        }
    }
    QSqlQuery query(db());
    // The first statement that reads the file fails on a file that is not a database.
    if (!query.exec(u"PRAGMA quick_check(1)"_s) || !query.next() ||
        query.value(0).toString() != u"ok"_s) {
        *error = query.lastError().isValid() ? query.lastError().text()
                                             : u"integrity check: "_s + query.value(0).toString();
        return false;
    }
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const int version = query.value(0).toInt();
    QStringList statements;
    if (version != 0 && version != kSchemaVersion) // written by another release: start afresh
        statements << u"DROP TABLE IF EXISTS answers"_s << u"DROP TABLE IF EXISTS resources"_s;
    for (const QString &table : {u"answers"_s, u"resources"_s}) {
        statements << u"CREATE TABLE IF NOT EXISTS %1 (key TEXT PRIMARY KEY, body BLOB NOT NULL, "
                      u"stored_at INTEGER NOT NULL, used INTEGER NOT NULL, size INTEGER NOT NULL)"_s
                          .arg(table)
                   << u"CREATE INDEX IF NOT EXISTS %1_used ON %1 (used)"_s.arg(table);
    }
    statements << u"PRAGMA user_version = %1"_s.arg(kSchemaVersion)
               << u"PRAGMA journal_mode = WAL"_s << u"PRAGMA synchronous = NORMAL"_s;
    for (const QString &statement : std::as_const(statements)) {
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    if (!query.exec(u"SELECT (SELECT COALESCE(SUM(size), 0) FROM answers) + "
                    u"(SELECT COALESCE(SUM(size), 0) FROM resources), "
                    u"MAX((SELECT COALESCE(MAX(used), 0) FROM answers), "
                    u"(SELECT COALESCE(MAX(used), 0) FROM resources))"_s) ||
        !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    m_total = query.value(0).toLongLong();
    m_used = query.value(1).toLongLong();
    return true;
}

void OfflineCacheWorker::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        db().close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    usable = false;
}

// A damaged cache only costs what it held: drop the file and begin again.
void OfflineCacheWorker::discard(const QString &why)
{
    qCWarning(lcModels).noquote() << "discarding unreadable offline cache" << m_path << "-" << why;
    close();
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(m_path + suffix);
    m_total = 0;
    m_used = 0;
}

bool OfflineCacheWorker::check(QSqlQuery &query, const char *what)
{
    if (!query.lastError().isValid())
        return true;
    const int code = query.lastError().nativeErrorCode().toInt();
    const QString text = query.lastError().text();
    if (code == kSqliteCorrupt || code == kSqliteNotADatabase) {
        query.finish();
        discard(text);
        QString error;
        usable = openFile(&error);
        if (!usable)
            qCWarning(lcModels).noquote() << "offline cache disabled:" << error;
    } else {
        qCWarning(lcModels).noquote() << "offline cache:" << what << "failed:" << text;
    }
    return false;
}

void OfflineCacheWorker::enqueue(Pending pending)
{
    QMutexLocker lock(&m_mutex);
    m_pending.append(std::move(pending));
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(
        this, [this] { QTimer::singleShot(kBatchDelayMs, this, [this] { flushPending(); }); },
        Qt::QueuedConnection);
}

void OfflineCacheWorker::flushPending()
{
    QList<Pending> pending;
    {
        QMutexLocker lock(&m_mutex);
        pending = std::exchange(m_pending, {});
        m_flushQueued = false;
    }
    if (pending.isEmpty() || !usable)
        return;
    QElapsedTimer clock;
    clock.start();
    QSqlDatabase database = db();
    database.transaction();
    for (const Pending &one : std::as_const(pending)) {
        const QJsonDocument json = QJsonDocument::fromJson(one.body);
        const QString id = idInPath(one.path);
        // One resource by id, and bulk-gets, are answered from the resources table alone.
        const bool byId = !id.isEmpty() && json.object().value(u"id"_s).toString() == id;
        if (!byId && !isBulkGet(one.path))
            upsert(u"answers"_s, one.key, one.body, one.storedAt);
        if (json.isObject())
            indexResources(json.object(), one.body, one.storedAt);
        if (!usable)
            return;
    }
    if (!database.commit())
        qCWarning(lcModels) << "offline cache: commit failed:" << database.lastError().text();
    evict();
    m_writeMs += clock.elapsed();
}

void OfflineCacheWorker::upsert(const QString &table, const QString &key, const QByteArray &body,
                                qint64 storedAt)
{
    QSqlQuery query(db());
    query.prepare(u"SELECT size FROM %1 WHERE key = ?"_s.arg(table));
    query.addBindValue(key);
    query.exec();
    if (!check(query, "read size"))
        return;
    const qint64 old = query.next() ? query.value(0).toLongLong() : 0;
    const qint64 size = body.size() + key.size();
    query.prepare(u"INSERT OR REPLACE INTO %1 (key, body, stored_at, used, size) "
                  u"VALUES (?, ?, ?, ?, ?)"_s.arg(table));
    query.addBindValue(key);
    query.addBindValue(body);
    query.addBindValue(storedAt);
    query.addBindValue(++m_used);
    query.addBindValue(size);
    query.exec();
    if (check(query, "write"))
        m_total += size - old;
}

// Every resource an answer shows, by id: the answer itself, or the items of its arrays.
void OfflineCacheWorker::indexResources(const QJsonObject &object, const QByteArray &body,
                                        qint64 storedAt)
{
    const QString id = object.value(u"id"_s).toString();
    if (!id.isEmpty()) {
        upsert(u"resources"_s, id, body, storedAt);
        return;
    }
    for (const QJsonValue &value : object) {
        if (!value.isArray())
            continue;
        for (const QJsonValue &item : value.toArray()) {
            const QString itemId = item.toObject().value(u"id"_s).toString();
            if (!itemId.isEmpty() && usable)
                upsert(u"resources"_s, itemId,
                       QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact), storedAt);
        }
    }
}

std::optional<OfflineCache::Entry> OfflineCacheWorker::row(const QString &table, const QString &key)
{
    QSqlQuery query(db());
    query.prepare(u"SELECT body, stored_at FROM %1 WHERE key = ?"_s.arg(table));
    query.addBindValue(key);
    query.exec();
    if (!check(query, "read") || !query.next())
        return std::nullopt;
    OfflineCache::Entry entry{query.value(0).toByteArray(),
                              QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong())};
    query.finish();
    touch(table, key);
    return entry;
}

void OfflineCacheWorker::touch(const QString &table, const QString &key)
{
    QSqlQuery query(db());
    query.prepare(u"UPDATE %1 SET used = ? WHERE key = ?"_s.arg(table));
    query.addBindValue(++m_used);
    query.addBindValue(key);
    query.exec();
    check(query, "touch");
}

std::optional<OfflineCache::Entry> OfflineCacheWorker::assembleBulk(const QString &path,
                                                                    const QUrlQuery &query)
{
    const auto items = query.queryItems(QUrl::FullyDecoded);
    if (items.size() != 1 || !items[0].first.endsWith(u"Ids"_s))
        return std::nullopt;
    QJsonArray found;
    QDateTime oldest;
    for (const QString &id : items[0].second.split(u',', Qt::SkipEmptyParts)) {
        const std::optional<OfflineCache::Entry> one = row(u"resources"_s, id);
        if (!one)
            return std::nullopt;
        found.append(QJsonDocument::fromJson(one->body).object());
        if (!oldest.isValid() || one->storedAt < oldest)
            oldest = one->storedAt;
    }
    if (found.isEmpty())
        return std::nullopt;
    return OfflineCache::Entry{
        QJsonDocument(QJsonObject{{bulkListKey(path), found}}).toJson(QJsonDocument::Compact),
        oldest};
}

std::optional<OfflineCache::Entry> OfflineCacheWorker::find(const QString &path,
                                                            const QUrlQuery &query)
{
    flushPending(); // a lookup sees every write queued before it
    if (!usable)
        return std::nullopt;
    if (isBulkGet(path))
        return assembleBulk(path, query);
    std::optional<OfflineCache::Entry> answer =
        row(u"answers"_s, OfflineCache::keyFor(path, query));
    const QString id = idInPath(path);
    if (id.isEmpty() || !query.isEmpty() || !usable)
        return answer;
    // The newest copy of the resource, from wherever it was seen.
    std::optional<OfflineCache::Entry> resource = row(u"resources"_s, id);
    if (answer && (!resource || answer->storedAt > resource->storedAt))
        return answer;
    return resource;
}

void OfflineCacheWorker::evict()
{
    if (!usable || m_total <= m_maxBytes)
        return;
    const qint64 target = m_maxBytes - m_maxBytes / 10; // room for the next few pages
    QSqlQuery oldest(db());
    QSqlQuery remove(db());
    int evicted = 0;
    while (m_total > target) {
        oldest.exec(u"SELECT 'answers', key, size, used FROM answers UNION ALL "
                    u"SELECT 'resources', key, size, used FROM resources ORDER BY 4 LIMIT 64"_s);
        if (!check(oldest, "evict"))
            return;
        QList<std::tuple<QString, QString, qint64>> victims;
        while (oldest.next() && m_total > target) {
            victims.append({oldest.value(0).toString(), oldest.value(1).toString(),
                            oldest.value(2).toLongLong()});
            m_total -= oldest.value(2).toLongLong();
        }
        oldest.finish();
        if (victims.isEmpty()) {
            m_total = 0;
            break;
        }
        for (const auto &[table, key, size] : std::as_const(victims)) {
            remove.prepare(u"DELETE FROM %1 WHERE key = ?"_s.arg(table));
            remove.addBindValue(key);
            remove.exec();
            if (!check(remove, "evict"))
                return;
            ++evicted;
        }
    }
    qCDebug(lcModels) << "offline cache: evicted" << evicted << "entries, now" << m_total
                      << "bytes";
}

OfflineCache::Stats OfflineCacheWorker::stats()
{
    flushPending();
    OfflineCache::Stats stats;
    if (!usable)
        return stats;
    QSqlQuery query(db());
    if (query.exec(u"SELECT (SELECT COUNT(*) FROM answers), (SELECT COUNT(*) FROM resources)"_s) &&
        query.next()) {
        stats.answers = query.value(0).toInt();
        stats.resources = query.value(1).toInt();
    }
    stats.bytes = m_total;
    return stats;
}

OfflineCache::OfflineCache(const QString &path, qint64 maxBytes, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_thread(new QThread(this))
    , m_worker(new OfflineCacheWorker(path, maxBytes))
{
    m_thread->setObjectName(u"offline-cache"_s);
    m_worker->moveToThread(m_thread);
    m_thread->start(QThread::LowPriority);
    // Opening checks the file; that may take a moment on a large cache, so not here.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->open(); }, Qt::QueuedConnection);
}

OfflineCache::~OfflineCache()
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            worker->flushPending();
            delete worker;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool OfflineCache::isUsable() const
{
    return m_worker->usable;
}

bool OfflineCache::isCacheable(const QString &path)
{
    return !path.startsWith(u"/tasks"_s) && !path.startsWith(u"/token"_s);
}

QString OfflineCache::keyFor(const QString &path, const QUrlQuery &query)
{
    auto items = query.queryItems(QUrl::FullyEncoded);
    std::sort(items.begin(), items.end());
    QStringList parts;
    for (const auto &[name, value] : std::as_const(items))
        parts.append(name + u'=' + value);
    return QString(u"GET "_s + path + u'?' + parts.join(u'&'));
}

void OfflineCache::store(const QString &path, const QUrlQuery &query, const QByteArray &body)
{
    if (!isCacheable(path))
        return;
    m_worker->enqueue({path, keyFor(path, query), body, nowMs()});
}

void OfflineCache::lookup(const QString &path, const QUrlQuery &query, QObject *context,
                          std::function<void(std::optional<Entry>)> done)
{
    QPointer<QObject> alive(context);
    QMetaObject::invokeMethod(
        m_worker,
        [this, worker = m_worker, path, query, alive, done = std::move(done)] {
            std::optional<Entry> entry =
                isCacheable(path) ? worker->find(path, query) : std::nullopt;
            if (entry) // a large answer is parsed here, not on the GUI thread
                entry->json = QJsonDocument::fromJson(entry->body);
            // Back on our own thread, where `alive` may be checked safely.
            QMetaObject::invokeMethod(
                this,
                [alive, done, entry = std::move(entry)] {
                    if (alive)
                        done(entry);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

qint64 OfflineCache::waitForWrites()
{
    qint64 ms = 0;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, &ms] {
            worker->flushPending();
            ms = worker->takeWriteMs();
        },
        Qt::BlockingQueuedConnection);
    return ms;
}

OfflineCache::Stats OfflineCache::stats()
{
    Stats stats;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, &stats] { stats = worker->stats(); },
        Qt::BlockingQueuedConnection);
    return stats;
}

void OfflineCache::setMaxBytes(qint64 maxBytes)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, maxBytes] { worker->setMaxBytes(maxBytes); },
        Qt::BlockingQueuedConnection);
}

} // namespace benchtop::models
