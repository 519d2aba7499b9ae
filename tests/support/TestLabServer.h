// A real lab server for tests: in-process, on loopback port 0, on a fresh SQLite file in a
// temporary folder, with demo data and an API key for the demo user.
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

    // Starts (or restarts, on the same data) the server; false with a test failure message.
    bool start();
    void stop();

    server::LabServer &server() { return *m_server; }
    server::Database &database() { return m_server->database(); }
    QUrl baseUrl() const { return m_baseUrl; }
    QString apiKey() const { return m_apiKey; }
    QString databasePath() const;
    quint16 port() const { return m_port; }

private:
    QTemporaryDir m_dir;
    bool m_seed;
    std::unique_ptr<server::LabServer> m_server;
    QUrl m_baseUrl;
    QString m_apiKey;
    quint16 m_port = 0;
};

} // namespace benchtop::test
