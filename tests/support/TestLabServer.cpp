#include "TestLabServer.h"

#include "server/storage/DemoData.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <functional>

using namespace Qt::StringLiterals;

namespace benchtop::test {

namespace {

// Runs `work` on a short-lived connection to the maintenance database at `url`.
bool withAdminConnection(const QString &url, const std::function<bool(QSqlDatabase &)> &work,
                         QString *error)
{
    const QString name = u"benchtop-test-admin-"_s + QUuid::createUuid().toString();
    bool ok = false;
    {
        const QUrl parsed(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        const QString socketDir = QUrlQuery(parsed).queryItemValue(u"host"_s);
        db.setHostName(socketDir.isEmpty() ? parsed.host() : socketDir);
        db.setPort(parsed.port(5432));
        db.setUserName(parsed.userName());
        db.setPassword(parsed.password());
        const QString dbName = parsed.path().mid(1);
        db.setDatabaseName(dbName.isEmpty() ? u"postgres"_s : dbName);
        if (!db.open())
            *error = u"cannot connect to %1: %2"_s.arg(url, db.lastError().text());
        else
            ok = work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

QString TestLabServer::postgresAdminUrl()
{
    return qEnvironmentVariable("BENCHTOP_TEST_POSTGRES");
}

TestLabServer::TestLabServer(bool seedDemoData)
    : m_seed(seedDemoData)
    , m_postgresAdmin(postgresAdminUrl())
{}

TestLabServer::~TestLabServer()
{
    stop();
    dropPostgresDatabase();
}

QString TestLabServer::backendName() const
{
    return usesPostgres() ? u"PostgreSQL"_s : u"SQLite"_s;
}

QString TestLabServer::databasePath() const
{
    if (usesPostgres()) {
        QUrl url(m_postgresAdmin);
        url.setPath(u'/' + m_postgresDatabase);
        return url.toString();
    }
    return m_dir.filePath(QStringLiteral("lab.sqlite"));
}

bool TestLabServer::createPostgresDatabase(QString *error)
{
    const QString name = u"benchtop_test_%1"_s.arg(
        QRandomGenerator::system()->generate64() & 0xffffffffffffULL, 12, 16, QChar(u'0'));
    const bool created = withAdminConnection(
        m_postgresAdmin,
        [&](QSqlDatabase &db) {
            // An ICU collation where punctuation and case weigh little, unlike byte order: the
            // server must sort and page the same here as on SQLite (it uses COLLATE "C").
            QSqlQuery query(db);
            if (query.exec(u"CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8' "
                           "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"_s.arg(name)))
                return true;
            // A server without ICU: its default collation.
            if (query.exec(u"CREATE DATABASE %1"_s.arg(name)))
                return true;
            *error = u"cannot create the test database: %1"_s.arg(query.lastError().text());
            return false;
        },
        error);
    if (created)
        m_postgresDatabase = name;
    return created;
}

void TestLabServer::dropPostgresDatabase()
{
    if (m_postgresDatabase.isEmpty())
        return;
    QString error;
    const bool dropped = withAdminConnection(
        m_postgresAdmin,
        [&](QSqlDatabase &db) {
            // FORCE: a connection a worker thread still holds must not keep the database alive.
            QSqlQuery query(db);
            if (query.exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_postgresDatabase)))
                return true;
            error = query.lastError().text();
            return false;
        },
        &error);
    if (!dropped)
        qWarning("TestLabServer: could not drop %s: %s", qPrintable(m_postgresDatabase),
                 qPrintable(error));
    m_postgresDatabase.clear();
}

bool TestLabServer::start()
{
    QString error;
    if (usesPostgres() && m_postgresDatabase.isEmpty() && !createPostgresDatabase(&error)) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return false;
    }
    server::LabServerConfig config;
    config.database = databasePath();
    config.seedDemoData = m_seed;
    // A restart keeps the port, so clients that held the URL reconnect to the same place.
    config.port = m_port;
    m_server = std::make_unique<server::LabServer>(config);
    if (!m_server->start(&error)) {
        QTest::qFail(qPrintable(u"%1 (%2)"_s.arg(error, backendName())), __FILE__, __LINE__);
        return false;
    }
    m_port = m_server->port();
    m_baseUrl = m_server->baseUrl();
    if (m_apiKey.isEmpty() && m_seed) {
        m_apiKey = m_server->apiKeys().create(QString::fromUtf16(server::kDemoUserHandle),
                                              QStringLiteral("test"), &error);
        if (m_apiKey.isEmpty()) {
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            return false;
        }
    }
    return true;
}

void TestLabServer::stop()
{
    m_server.reset();
}

} // namespace benchtop::test
