#include "EmbeddedLabServer.h"

#include "LabServer.h"
#include "storage/DemoData.h"

#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace benchtop::server {

namespace {
// Each running app has a key of its own (a second window on the same data must not cut off the
// first); it is revoked when the app closes and purged at a later start.
const QString kSessionKeyPrefix = u"benchtop embedded session "_s;
} // namespace

struct EmbeddedLabServer::Private
{
    QString databasePath;
    QThread thread;
    LabServer *server = nullptr; // lives on `thread`
    QUrl baseUrl;
    QString apiKey;
    QString keyName;
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
            d->server,
            [server = d->server, name = d->keyName] {
                QString ignored;
                if (!name.isEmpty())
                    server->apiKeys().revoke(name, &ignored);
                delete server;
            },
            Qt::BlockingQueuedConnection);
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
            server->apiKeys().purgeRevoked(kSessionKeyPrefix);
            d->keyName = kSessionKeyPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
            d->apiKey =
                server->apiKeys().create(QString::fromUtf16(kDemoUserHandle), d->keyName, &failure);
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
