// The lab server's storage: one Qt SQL connection on SQLite (default) or PostgreSQL, with the
// schema brought up to date on open. Both back ends run the same SQL; where they differ (pragmas,
// upserts) this class hides it.
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

namespace benchtop::server {

struct DatabaseConfig
{
    // A file path for SQLite, or "postgresql://user:password@host:port/dbname" for PostgreSQL.
    QString location;

    bool isPostgres() const;
};

class Database
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the connection (from the calling thread, which then owns it) and migrates the schema.
    bool open(QString *error);
    bool isOpen() const;
    QSqlDatabase connection() const;
    int schemaVersion() const;

    // Prepares and runs `sql` with positional `?` bindings. On failure returns a query whose
    // lastError() is set and logs it; callers answer 500 for that.
    QSqlQuery exec(const QString &sql, const QVariantList &bindings = {}) const;

    // Runs `work` in one transaction; commits if it returns true, rolls back otherwise.
    bool transaction(const std::function<bool()> &work);

private:
    bool migrate(QString *error);

    DatabaseConfig m_config;
    QString m_connectionName;
};

} // namespace benchtop::server
