// The Benchling-compatible lab server: storage, authentication and routes behind the HTTP
// adapter. Lives on one thread (the one that calls start()); the app runs it on a thread of its
// own through EmbeddedLabServer, benchtop-server on its main thread.
#pragma once

#include "Auth.h"
#include "RateLimiter.h"
#include "ResourceRoutes.h"
#include "Resources.h"
#include "Router.h"
#include "Tasks.h"
#include "http/HttpTypes.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QThreadPool>
#include <QUrl>

#include <atomic>
#include <memory>

namespace benchtop::server {

namespace http {
class HttpServer;
}

struct LabServerConfig
{
    QString database; // SQLite file path or postgresql:// URL
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    bool seedDemoData = true;
    http::HttpLimits limits;
    // Per API key: at most rateLimit requests per rateWindowSeconds (0: unlimited).
    int rateLimit = 0;
    int rateWindowSeconds = 10;
    // Lifetime of OAuth2 access tokens from POST /api/v2/token (Benchling: 900 s).
    int tokenLifetimeSeconds = 900;
};

class LabServer : public QObject
{
    Q_OBJECT
public:
    explicit LabServer(LabServerConfig config, QObject *parent = nullptr);
    ~LabServer() override;

    // Opens (and migrates) the database, seeds demo data on first start, and listens.
    bool start(QString *error);
    void stop();

    quint16 port() const;
    QUrl baseUrl() const; // e.g. http://127.0.0.1:41234
    quint64 requestsServed() const { return m_requestsServed; }
    Database &database() { return m_db; }
    ApiKeys &apiKeys() { return m_keys; }
    Tasks &tasks() { return m_tasks; }

private:
    void handle(const http::HttpRequest &request, std::shared_ptr<http::HttpResponder> responder);
    http::HttpResponse dispatch(const http::HttpRequest &request);
    http::HttpResponse issueToken(const RequestContext &context);

    LabServerConfig m_config;
    Database m_db;
    ApiKeys m_keys;
    RateLimiter m_limiter;
    QElapsedTimer m_clock;
    Resources m_resources;
    // Requests run on these pools, so a slow one (a big search, a long list) holds up no other;
    // the HTTP adapter stays on the server's thread and only parses and writes. Writers are
    // serialised by the database anyway, so they queue on one thread of their own (with the
    // background tasks) instead of tying up the readers' threads while they wait.
    QThreadPool m_readers;
    QThreadPool m_writers;
    Tasks m_tasks;
    ServerContext m_context;
    Router m_router;
    std::unique_ptr<http::HttpServer> m_http;
    std::atomic<quint64> m_requestsServed = 0;
};

} // namespace benchtop::server
