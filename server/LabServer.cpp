#include "LabServer.h"

#include "ApiError.h"
#include "ExportRoutes.h"
#include "InventoryRoutes.h"
#include "LocationRoutes.h"
#include "Logging.h"
#include "NotebookRoutes.h"
#include "SequenceRoutes.h"
#include "SessionRoutes.h"
#include "http/HttpServer.h"
#include "storage/DemoData.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>

using namespace Qt::StringLiterals;

namespace benchtop::server {

LabServer::LabServer(LabServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_db(DatabaseConfig{m_config.database})
    , m_keys(m_db)
    , m_limiter(m_config.rateLimit, m_config.rateWindowSeconds)
    , m_resources(m_db)
    , m_tasks(m_db, m_writers)
    , m_context{m_db, m_resources, m_tasks}
{
    m_readers.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    m_writers.setMaxThreadCount(1);
    for (QThreadPool *pool : {&m_readers, &m_writers})
        pool->setExpiryTimeout(-1); // threads keep their database connections
    m_clock.start();
    m_router.add(
        "POST", u"/api/v2/token"_s,
        [this](const RequestContext &context) { return issueToken(context); },
        Router::Access::Public);
    addTaskRoutes(m_router, m_tasks);
    addLocationRoutes(m_router, m_context);
    addInventoryRoutes(m_router, m_context);
    addSequenceRoutes(m_router, m_context);
    addNotebookRoutes(m_router, m_context);
    addExportRoutes(m_router, m_context);
    addSessionRoutes(m_router);
}

LabServer::~LabServer()
{
    stop();
    m_readers.waitForDone();
    m_writers.waitForDone();
    m_tasks.waitForIdle();
    m_writers.waitForDone();
}

bool LabServer::start(QString *error)
{
    if (!m_db.isOpen() && !m_db.open(error))
        return false;
    if (!m_tasks.recoverInterrupted()) {
        *error = tr("could not recover the tasks of the last run; see the log");
        return false;
    }
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
    const bool reads = request.method == "GET" || request.method == "HEAD";
    (reads ? m_readers : m_writers).start([this, request, responder] {
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

namespace {

void addRateLimitHeaders(http::HttpResponse &response, const RateLimiter::Decision &budget)
{
    response.setHeader("x-rate-limit-limit", QByteArray::number(budget.limit));
    response.setHeader("x-rate-limit-remaining", QByteArray::number(budget.remaining));
    response.setHeader("x-rate-limit-reset", QByteArray::number(budget.resetSeconds));
}

http::HttpResponse oauthError(int status, const QString &type, const QString &message)
{
    auto response = apiError(status, type, message);
    if (status == 401)
        response.setHeader("WWW-Authenticate", "Basic realm=\"Benchling\"");
    return response;
}

} // namespace

// OAuth2 client credentials (RFC 6749 §4.4): the client authenticates with HTTP Basic
// (client_id:client_secret) or with the two form fields, and gets a bearer token.
http::HttpResponse LabServer::issueToken(const RequestContext &context)
{
    QByteArray form = context.request.body;
    form.replace('+', ' ');
    const QUrlQuery fields(QString::fromUtf8(form));
    const auto field = [&](const QString &name) {
        return fields.queryItemValue(name, QUrl::FullyDecoded);
    };
    const QString grant = field(u"grant_type"_s);
    if (grant.isEmpty()) {
        return oauthError(400, u"invalid_request"_s,
                          u"grant_type is required (form-encoded: "
                          "grant_type=client_credentials)."_s);
    }
    if (grant != u"client_credentials"_s) {
        return oauthError(
            400, u"unsupported_grant_type"_s,
            u"Only grant_type=client_credentials is supported, not \"%1\"."_s.arg(grant));
    }
    QString clientId = field(u"client_id"_s);
    QString secret = field(u"client_secret"_s);
    const QByteArray authorization = context.request.header("authorization");
    if (authorization.size() > 6 && qstrnicmp(authorization.constData(), "basic ", 6) == 0) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0) {
            clientId = QString::fromUtf8(decoded.left(colon));
            secret = QString::fromUtf8(decoded.mid(colon + 1));
        }
    }
    if (clientId.isEmpty() || secret.isEmpty()) {
        return oauthError(401, u"invalid_client"_s,
                          u"Send the client id and secret with HTTP Basic authentication or as "
                          "client_id and client_secret."_s);
    }
    const auto token = m_keys.issueToken(clientId, secret, m_config.tokenLifetimeSeconds);
    if (!token) {
        return oauthError(401, u"invalid_client"_s,
                          u"The client id and secret do not match a live API client."_s);
    }
    return http::HttpResponse::json(
        200, QJsonDocument(QJsonObject{{u"access_token"_s, token->token},
                                       {u"token_type"_s, u"Bearer"_s},
                                       {u"expires_in"_s, token->expiresInSeconds}}));
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
    std::optional<RateLimiter::Decision> budget;
    if (match.access == Router::Access::Authenticated) {
        QString reason;
        principal = m_keys.authenticate(request.header("authorization"), &reason);
        if (!principal)
            return unauthorized(u"Authentication failed. "_s + reason);
        if (m_limiter.enabled()) {
            budget = m_limiter.take(principal->keyId, m_clock.elapsed());
            if (!budget->allowed) {
                auto response = apiError(
                    429, u"invalid_request_error"_s,
                    u"Too many requests with this key: the limit is %1 per %2 s. Retry after "
                    "%3 s."_s.arg(budget->limit)
                        .arg(m_config.rateWindowSeconds)
                        .arg(budget->resetSeconds));
                response.setHeader("Retry-After", QByteArray::number(budget->resetSeconds));
                addRateLimitHeaders(response, *budget);
                return response;
            }
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
    if (budget)
        addRateLimitHeaders(response, *budget);
    return response;
}

} // namespace benchtop::server
