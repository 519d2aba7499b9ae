#include "TestLabServer.h"

#include "server/storage/DemoData.h"

#include <QTest>

namespace benchtop::test {

TestLabServer::TestLabServer(bool seedDemoData)
    : m_seed(seedDemoData)
{}

TestLabServer::~TestLabServer() = default;

QString TestLabServer::databasePath() const
{
    return m_dir.filePath(QStringLiteral("lab.sqlite"));
}

bool TestLabServer::start()
{
    server::LabServerConfig config;
    config.database = databasePath();
    config.seedDemoData = m_seed;
    // A restart keeps the port, so clients that held the URL reconnect to the same place.
    config.port = m_port;
    m_server = std::make_unique<server::LabServer>(config);
    QString error;
    if (!m_server->start(&error)) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
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
