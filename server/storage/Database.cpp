#include "Database.h"

#include "../Logging.h"
#include "Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace benchtop::server {

bool DatabaseConfig::isPostgres() const
{
    return location.startsWith(u"postgres://") || location.startsWith(u"postgresql://");
}

namespace {

// Transaction depth per thread and Database: nested transactions become savepoints.
thread_local QHash<const Database *, int> t_depth;

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_connectionName(u"benchtop-server-" + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

Database::~Database()
{
    QMutexLocker lock(&m_namesMutex);
    // Worker threads have finished by now (the server waits for its pool); removing a
    // connection closes it, from whichever thread.
    for (const QString &name : std::as_const(m_threadConnections))
        QSqlDatabase::removeDatabase(name);
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Database::open(QString *error)
{
    m_openThread = QThread::currentThread();
    QSqlDatabase db;
    if (m_config.isPostgres()) {
        const QUrl url(m_config.location);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        // libpq's form for a unix socket: postgresql://user@/dbname?host=/run/postgresql
        const QString socketDir = QUrlQuery(url).queryItemValue(QStringLiteral("host"));
        db.setHostName(socketDir.isEmpty() ? url.host() : socketDir);
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    } else {
        const QFileInfo file(m_config.location);
        if (!QDir().mkpath(file.absolutePath())) {
            *error = QStringLiteral("cannot create the folder %1").arg(file.absolutePath());
            return false;
        }
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(file.absoluteFilePath());
        // Another writer (a worker thread, a second server on the same file) may hold the write
        // lock for a moment.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    if (!configure(db, error))
        return false;
    return migrate(error);
}

bool Database::configure(QSqlDatabase &db, QString *error) const
{
    const QStringList statements =
        m_config.isPostgres() ? QStringList{QStringLiteral("SET client_min_messages TO WARNING")}
                              : QStringList{QStringLiteral("PRAGMA journal_mode=WAL"),
                                            QStringLiteral("PRAGMA foreign_keys=ON"),
                                            QStringLiteral("PRAGMA synchronous=NORMAL")};
    for (const QString &statement : statements) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && connection().isOpen();
}

QSqlDatabase Database::connection() const
{
    static thread_local const QString threadTag =
        QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The thread that opened the Database uses the first connection.
    if (m_openThread == QThread::currentThread())
        return QSqlDatabase::database(m_connectionName, false);
    const QString name = m_connectionName + u'@' + threadTag;
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::cloneDatabase(m_connectionName, name);
    QString error;
    if (!db.open() || !configure(db, &error)) {
        qCWarning(lcServer) << "cannot open a database connection for a worker thread:"
                            << db.lastError().text() << error;
    }
    QMutexLocker lock(&m_namesMutex);
    m_threadConnections.append(name);
    return db;
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(connection());
    // Forward-only makes QPSQL stream rows in single-row mode, and then any other query on the
    // connection (a route building JSON while it reads a list) discards the rest of the
    // result. On PostgreSQL results are therefore fetched whole, as SQLite's nested reads
    // allow anyway.
    query.setForwardOnly(!isPostgres());
    // QPSQL prepares with PREPARE ... AS, which PostgreSQL allows only for SELECT, INSERT,
    // UPDATE, DELETE and VALUES: statements without bindings (DDL among them) run directly.
    if (bindings.isEmpty()) {
        if (!query.exec(sql))
            qCWarning(lcServer) << "SQL failed:" << query.lastError().text() << sql;
        return query;
    }
    if (!query.prepare(sql)) {
        qCWarning(lcServer) << "SQL prepare failed:" << query.lastError().text() << sql;
        return query;
    }
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (!query.exec())
        qCWarning(lcServer) << "SQL failed:" << query.lastError().text() << sql;
    return query;
}

QString Database::sortableText(const QString &expression) const
{
    return m_config.isPostgres() ? QString(u'(' + expression + u") COLLATE \"C\"") : expression;
}

bool Database::isUniqueViolation(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    // SQLite: extended code 2067 (SQLITE_CONSTRAINT_UNIQUE) or 1555 (PRIMARY KEY);
    // PostgreSQL: SQLSTATE 23505.
    const QString code = error.nativeErrorCode();
    return code == u"2067" || code == u"1555" || code == u"23505" ||
           error.databaseText().contains(u"UNIQUE constraint failed");
}

bool Database::inTransaction() const
{
    return t_depth.value(this) > 0;
}

bool Database::begin(Access access)
{
    QSqlQuery query(connection());
    if (m_config.isPostgres()) {
        if (!query.exec(QStringLiteral("BEGIN")))
            return false;
        // One writer at a time across every server process on this database.
        if (access == Access::Write &&
            !query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(8470)"))) {
            QSqlQuery(connection()).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        return true;
    }
    return query.exec(access == Access::Write ? QStringLiteral("BEGIN IMMEDIATE")
                                              : QStringLiteral("BEGIN"));
}

bool Database::transaction(const std::function<bool()> &work, Access access)
{
    const int depth = t_depth.value(this);
    const QString savepoint = QStringLiteral("sp%1").arg(depth);
    QSqlQuery control(connection());
    if (depth == 0 ? !begin(access) : !control.exec(u"SAVEPOINT " + savepoint)) {
        qCWarning(lcServer) << "cannot begin a transaction:" << connection().lastError().text()
                            << control.lastError().text();
        return false;
    }
    t_depth[this] = depth + 1;
    const bool ok = work();
    t_depth[this] = depth;
    if (depth > 0) {
        // On PostgreSQL a failed statement aborts the transaction: RELEASE then fails too, and
        // only ROLLBACK TO SAVEPOINT makes the outer transaction usable again.
        if (ok && control.exec(u"RELEASE SAVEPOINT " + savepoint))
            return true;
        if (ok)
            qCWarning(lcServer) << "an SQL error aborted a savepoint:"
                                << control.lastError().text();
        control.exec(u"ROLLBACK TO SAVEPOINT " + savepoint);
        control.exec(u"RELEASE SAVEPOINT " + savepoint);
        return false;
    }
    if (!ok) {
        control.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    // PostgreSQL answers COMMIT of a transaction that an SQL error aborted with a silent
    // ROLLBACK; ask first, so that the caller learns nothing was saved.
    if (m_config.isPostgres() && !control.exec(QStringLiteral("SELECT 1"))) {
        qCWarning(lcServer) << "an SQL error aborted the transaction:"
                            << control.lastError().text();
        control.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        qCWarning(lcServer) << "commit failed:" << control.lastError().text();
        control.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    return true;
}

int Database::schemaVersion() const
{
    QSqlQuery query = exec(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    return query.next() ? query.value(0).toInt() : 0;
}

bool Database::migrate(QString *error)
{
    QSqlQuery create = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version "
                                           "INTEGER PRIMARY KEY, applied_at TEXT)"));
    if (create.lastError().isValid()) {
        *error = create.lastError().text();
        return false;
    }
    const int current = schemaVersion();
    const QList<Migration> all = migrations(m_config.isPostgres());
    for (const Migration &migration : all) {
        if (migration.version <= current)
            continue;
        QString failure;
        const bool applied = transaction([&] {
            for (const QString &statement : migration.statements) {
                QSqlQuery query = exec(statement);
                if (query.lastError().isValid()) {
                    failure = query.lastError().text();
                    return false;
                }
            }
            return !exec(QStringLiteral("INSERT INTO schema_version VALUES (?, ?)"),
                         {migration.version, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)})
                        .lastError()
                        .isValid();
        });
        if (!applied) {
            *error = QStringLiteral("migration %1 failed: %2").arg(migration.version).arg(failure);
            return false;
        }
        qCInfo(lcServer) << "database schema migrated to version" << migration.version;
    }
    return true;
}

} // namespace benchtop::server
