#include "LabServer.h"

#include "ApiError.h"
#include "InventoryRoutes.h"
#include "LocationRoutes.h"
#include "Logging.h"
#include "NotebookRoutes.h"
#include "SequenceRoutes.h"
#include "http/HttpServer.h"
#include "storage/DemoData.h"

#include <QElapsedTimer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace benchtop::server {

LabServer::LabServer(LabServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_db(DatabaseConfig{m_config.database})
    , m_keys(m_db)
    , m_resources(m_db)
    , m_tasks(m_db, m_workers)
    , m_context{m_db, m_resources, m_tasks}
{
    m_workers.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    m_workers.setExpiryTimeout(-1); // threads keep their database connections
    addTaskRoutes(m_router, m_tasks);
    addLocationRoutes(m_router, m_context);
    addInventoryRoutes(m_router, m_context);
    addSequenceRoutes(m_router, m_context);
    addNotebookRoutes(m_router, m_context);
}

LabServer::~LabServer()
{
    stop();
    m_workers.waitForDone();
    m_tasks.waitForIdle();
    m_workers.waitForDone();
}

bool LabServer::start(QString *error)
{
    if (!m_db.isOpen() && !m_db.open(error))
        return false;
    if (m_config.seedDemoData && !seedDemoDataIfEmpty(m_db)) {
        *error = tr("could not seed the demo data; see the log");
        return false;
    }
    m_http = std::make_unique<http::HttpServer>(
        [this](const http::HttpRequest &request, std::shared_ptr<http::HttpResponder> responder) {
            handle(request, std::move(responder));
        },
        m_config.limits);
    if (!m_http->listen(m_config.address, m_config.port)) {
        *error = tr("cannot listen on %1 port %2: %3")
                     .arg(m_config.address.toString())
                     .arg(m_config.port)
                     .arg(m_http->errorString());
        m_http.reset();
        return false;
    }
    qCInfo(lcServer).noquote() << "lab server listening on" << baseUrl().toString();
    return true;
}

void LabServer::stop()
{
    if (m_http) {
        m_http->close();
        m_http.reset();
    }
}

quint16 LabServer::port() const
{
    return m_http ? m_http->port() : 0;
}

QUrl LabServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    // Bound to every interface: this host reaches itself on loopback.
    QHostAddress address = m_config.address;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    url.setHost(address.toString());
    url.setPort(port());
    return url;
}

void LabServer::handle(const http::HttpRequest &request,
                       std::shared_ptr<http::HttpResponder> responder)
{
    m_workers.start([this, request, responder] {
        QElapsedTimer timer;
        timer.start();
        http::HttpResponse response = dispatch(request);
        ++m_requestsServed;
        qCDebug(lcServer).noquote()
            << request.method << request.target << response.status << timer.elapsed() << "ms";
        // Answer from the adapter's thread, which owns the connection.
        QMetaObject::invokeMethod(
            this,
            [responder, response = std::move(response)]() mutable {
                responder->send(std::move(response));
            },
            Qt::QueuedConnection);
    });
}

http::HttpResponse LabServer::dispatch(const http::HttpRequest &request)
{
    const Router::Match match = m_router.match(request.method, request.path);
    if (!match.handler) {
        if (!match.allowedMethods.isEmpty()) {
            auto response = apiError(405, u"invalid_request_error"_s,
                                     u"%1 is not allowed on %2."_s.arg(
                                         QString::fromLatin1(request.method), request.path));
            response.setHeader("Allow", match.allowedMethods.join(", "));
            return response;
        }
        return notFound(u"There is no API operation at %1."_s.arg(request.path), {});
    }
    std::optional<Principal> principal;
    if (match.access == Router::Access::Authenticated) {
        principal = m_keys.authenticate(request.header("authorization"));
        if (!principal) {
            return unauthorized(u"Authentication failed: send a valid API key as the user name "
                                "of HTTP Basic authentication."_s);
        }
    }
    const QByteArray host = request.header("host");
    const QString baseUrl = host.isEmpty() ? this->baseUrl().toString(QUrl::StripTrailingSlash)
                                           : u"http://"_s + QString::fromLatin1(host);
    RequestContext context{request, match.params, principal.value_or(Principal{}), baseUrl, {}};
    // One transaction per request: an answer of 400 or above rolls back everything the
    // request wrote, so a refused request changes nothing.
    http::HttpResponse response;
    const auto access = request.method == "GET" || request.method == "HEAD"
                            ? Database::Access::Read
                            : Database::Access::Write;
    const bool committed = m_db.transaction(
        [&] {
            response = (*match.handler)(context);
            return response.status < 400;
        },
        access);
    if (!committed && response.status < 400)
        return internalError();
    if (committed) {
        for (const auto &work : std::as_const(context.afterCommit))
            work();
    }
    return response;
}

} // namespace benchtop::server
