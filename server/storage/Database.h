// The lab server's storage: Qt SQL on SQLite (default) or PostgreSQL, with the schema brought up
// to date on open. Both back ends run the same SQL; where they differ (pragmas, locking, binary
// columns) this class hides it.
//
// Threads: requests run on a pool of worker threads. A Qt SQL connection belongs to the thread
// that made it, so each thread gets its own connection to the same database, made on first use
// and closed with the Database. Readers run concurrently; writers take one lock for the length
// of their transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory
// lock), so checks such as "is this box position free?" cannot race with another writer, also
// across several server processes sharing one PostgreSQL database.
#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVariant>

#include <functional>

namespace benchtop::server {

struct DatabaseConfig
{
    // A file path for SQLite, or "postgresql://user:password@host:port/dbname" for PostgreSQL
    // ("postgresql://user@/dbname?host=/socket/dir" for a unix socket).
    QString location;

    bool isPostgres() const;
};

class Database
{
public:
    enum class Access { Read, Write };

    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the first connection and migrates the schema.
    bool open(QString *error);
    bool isOpen() const;
    bool isPostgres() const { return m_config.isPostgres(); }
    // This thread's connection (made on first use).
    QSqlDatabase connection() const;
    int schemaVersion() const;

    // Prepares and runs `sql` with positional `?` bindings. On failure returns a query whose
    // lastError() is set and logs it; callers answer 500 for that.
    QSqlQuery exec(const QString &sql, const QVariantList &bindings = {}) const;

    // Runs `work` in a transaction on this thread's connection; commits if it returns true,
    // rolls back otherwise. Nested calls become savepoints, so an inner failure undoes only
    // the inner work. Write transactions hold the writer lock (see above). On PostgreSQL a
    // failed statement aborts the (sub)transaction: work that ignores one and returns true
    // still gets false back, because nothing of it was saved.
    bool transaction(const std::function<bool()> &work, Access access = Access::Write);
    bool inTransaction() const;

    // SQL type for binary columns ("BLOB" or "BYTEA").
    QString blobType() const
    {
        return isPostgres() ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
    }
    // A text expression to sort and compare by, in the same order on both back ends: code
    // point order (SQLite's BINARY; on PostgreSQL COLLATE "C" instead of the database's
    // locale, which may ignore case and punctuation).
    QString sortableText(const QString &expression) const;
    // True if the last failed query broke a UNIQUE constraint.
    static bool isUniqueViolation(const QSqlQuery &query);

private:
    bool configure(QSqlDatabase &db, QString *error) const;
    bool migrate(QString *error);
    bool begin(Access access);

    DatabaseConfig m_config;
    QString m_connectionName;
    QThread *m_openThread = nullptr;
    mutable QMutex m_namesMutex;
    mutable QStringList m_threadConnections;
};

} // namespace benchtop::server
