// A real lab server for tests: in-process, on loopback port 0, with demo data and an API key for
// the demo user. Its database is a fresh SQLite file in a temporary folder, or, when the
// environment variable BENCHTOP_TEST_POSTGRES names a PostgreSQL server
// (e.g. postgresql://postgres@/postgres?host=/tmp/pg-socket-dir), a fresh database of its own
// there (random name, dropped again by the destructor), so suites can run in parallel.
// ctest runs every server suite both ways: <suite> and <suite>_postgres (tests/CMakeLists.txt).
#pragma once

#include "server/LabServer.h"

#include <QTemporaryDir>

#include <memory>

namespace benchtop::test {

class TestLabServer
{
public:
    explicit TestLabServer(bool seedDemoData = true);
    ~TestLabServer();
    TestLabServer(const TestLabServer &) = delete;
    TestLabServer &operator=(const TestLabServer &) = delete;

    // Starts (or restarts, on the same data) the server; false with a test failure message.
    bool start();
    void stop();

    server::LabServer &server() { return *m_server; }
    server::Database &database() { return m_server->database(); }
    QUrl baseUrl() const { return m_baseUrl; }
    QString apiKey() const { return m_apiKey; }
    // What LabServerConfig::database gets: the SQLite file, or the PostgreSQL URL.
    QString databasePath() const;
    quint16 port() const { return m_port; }
    bool usesPostgres() const { return !m_postgresAdmin.isEmpty(); }
    // "SQLite" or "PostgreSQL", for test output.
    QString backendName() const;

    // The PostgreSQL server the tests use (BENCHTOP_TEST_POSTGRES), or empty for SQLite.
    static QString postgresAdminUrl();

private:
    bool createPostgresDatabase(QString *error);
    void dropPostgresDatabase();

    QTemporaryDir m_dir;
    bool m_seed;
    QString m_postgresAdmin;    // the server's maintenance database URL
    QString m_postgresDatabase; // our database's name, once created
    std::unique_ptr<server::LabServer> m_server;
    QUrl m_baseUrl;
    QString m_apiKey;
    quint16 m_port = 0;
};

} // namespace benchtop::test
