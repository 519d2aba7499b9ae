#include "Database.h"

#include "../Logging.h"
#include "Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QUuid>

namespace benchtop::server {

bool DatabaseConfig::isPostgres() const
{
    return location.startsWith(u"postgres://") || location.startsWith(u"postgresql://");
}

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_connectionName(u"benchtop-server-" + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

Database::~Database()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Database::open(QString *error)
{
    QSqlDatabase db;
    if (m_config.isPostgres()) {
        const QUrl url(m_config.location);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(url.host());
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
        // Another process (a second server on the same file) may hold a write lock briefly.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    if (!m_config.isPostgres()) {
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
            QSqlQuery query(db);
            if (!query.exec(QString::fromLatin1(pragma))) {
                *error = query.lastError().text();
                return false;
            }
        }
    }
    return migrate(error);
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && connection().isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlQuery Database::exec(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
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

bool Database::transaction(const std::function<bool()> &work)
{
    QSqlDatabase db = connection();
    if (!db.transaction()) {
        qCWarning(lcServer) << "cannot begin a transaction:" << db.lastError().text();
        return false;
    }
    if (!work()) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        qCWarning(lcServer) << "commit failed:" << db.lastError().text();
        db.rollback();
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
    const QList<Migration> &all = migrations();
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
