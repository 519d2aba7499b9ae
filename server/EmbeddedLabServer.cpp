#include "EmbeddedLabServer.h"

#include "LabServer.h"
#include "storage/DemoData.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace benchtop::server {

namespace {
const QString kSessionKeyName = u"benchtop embedded session"_s;
}

struct EmbeddedLabServer::Private
{
    QString databasePath;
    QThread thread;
    LabServer *server = nullptr; // lives on `thread`
    QUrl baseUrl;
    QString apiKey;
};

EmbeddedLabServer::EmbeddedLabServer(QString databasePath)
    : d(std::make_unique<Private>())
{
    d->databasePath = std::move(databasePath);
    d->thread.setObjectName(u"lab-server"_s);
}

EmbeddedLabServer::~EmbeddedLabServer()
{
    if (d->server) {
        // Delete on its own thread: its sockets and database connection belong there.
        QMetaObject::invokeMethod(
            d->server, [server = d->server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    d->thread.quit();
    d->thread.wait();
}

bool EmbeddedLabServer::start(QString *error)
{
    d->thread.start();
    bool ok = false;
    QString failure;
    LabServerConfig config;
    config.database = d->databasePath;
    auto *server = new LabServer(config);
    server->moveToThread(&d->thread);
    QMetaObject::invokeMethod(
        server,
        [&] {
            if (!server->start(&failure))
                return;
            // One live session key at a time: the previous run's key dies with this start.
            server->apiKeys().revoke(kSessionKeyName);
            d->apiKey = server->apiKeys().create(QString::fromUtf16(kDemoUserHandle),
                                                 kSessionKeyName, &failure);
            d->baseUrl = server->baseUrl();
            ok = !d->apiKey.isEmpty();
        },
        Qt::BlockingQueuedConnection);
    d->server = server;
    if (!ok)
        *error = failure;
    return ok;
}

QUrl EmbeddedLabServer::baseUrl() const
{
    return d->baseUrl;
}

QString EmbeddedLabServer::apiKey() const
{
    return d->apiKey;
}

QString EmbeddedLabServer::databasePath() const
{
    return d->databasePath;
}

} // namespace benchtop::server
