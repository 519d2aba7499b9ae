#include "ApiReply.h"

#include "../Logging.h"
#include "ApiClient.h"
#include "Credentials.h"
#include "OfflineMode.h"
#include "RateLimiter.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace benchtop::models {

ApiReply::ApiReply(QObject *parent)
    : QObject(parent)
{}

ApiReply::ApiReply(ApiClient *client, ApiRequest request, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
{
    if (!m_client->m_offline || !m_client->m_offline->intercept(this))
        queue();
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiReply::abort()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort(); // completes at once with OperationCanceledError
        return;
    }
    delete m_retryTimer;
    m_retryTimer = nullptr;
    stopWork();
    ApiError cancelled;
    cancelled.kind = ApiError::Kind::Cancelled;
    cancelled.attempts = m_attempts;
    finishWith(cancelled);
}

void ApiReply::finishWith(QJsonDocument json)
{
    if (m_finished)
        return;
    m_finished = true;
    m_json = std::move(json);
    Q_EMIT finished();
}

void ApiReply::finishFromCache(QJsonDocument json, QDateTime storedAt)
{
    if (m_finished)
        return;
    m_cachedAt = std::move(storedAt);
    qCDebug(lcModels) << m_request.method << m_request.path << "answered from the offline cache of"
                      << m_cachedAt;
    finishWith(std::move(json));
}

void ApiReply::finishWith(ApiError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    qCDebug(lcModels) << "request failed:" << m_error.displayMessage();
    Q_EMIT finished();
}

void ApiReply::queue()
{
    // The limiter calls back from the event loop, so finished() never fires inside get().
    m_client->rateLimiter()->acquire(this, [this] { transmit(); });
}

void ApiReply::transmit(bool authorized)
{
    if (m_finished)
        return;
    if (!m_client) {
        ApiError gone;
        gone.kind = ApiError::Kind::Cancelled;
        finishWith(gone);
        return;
    }
    // Credentials may need a round trip first (an OAuth token): send once they are ready.
    if (Credentials *credentials = m_client->credentials();
        !authorized && !credentials->isReady()) {
        credentials->prepare(this, [this](const ApiError &error) {
            if (error.isError())
                finishWith(error);
            else
                transmit(true);
        });
        return;
    }
    ++m_attempts;
    m_reply = m_client->transmit(m_request);
    m_sentAuthorization = m_reply->request().rawHeader("Authorization");
    connect(m_reply, &QNetworkReply::finished, this, &ApiReply::onAttemptFinished);
}

void ApiReply::onAttemptFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_reply = nullptr;
    reply->deleteLater();

    bool notProcessed = false;
    QJsonDocument json;
    QByteArray rawBody;
    bool parseLater = false;
    ApiError error = readAnswer(reply, &json, &notProcessed, &rawBody, &parseLater);
    if (parseLater) {
        parseOffThread(std::move(rawBody), error.httpStatus);
        return;
    }
    error.attempts = m_attempts;
    OfflineMode *offline = m_client ? m_client->m_offline : nullptr;
    if (offline && error.httpStatus > 0)
        offline->answered(this, error.httpStatus, rawBody);
    if (!error.isError()) {
        finishWith(std::move(json));
        return;
    }
    if (!m_client || error.kind == ApiError::Kind::Cancelled) {
        finishWith(error);
        return;
    }
    // Offline, a GET goes to the network once, and one still retrying gives up for the cache.
    const bool unreachable =
        error.kind == ApiError::Kind::Transport || error.kind == ApiError::Kind::Timeout;
    if (offline && unreachable &&
        (m_offlineAttempt || (!offline->isOnline() && m_request.method == "GET"))) {
        if (!offline->failed(this, error))
            finishWith(error);
        return;
    }
    // Refused credentials (an expired token) are renewed once per request, so this cannot loop.
    if (error.httpStatus == 401 && !m_reauthorized &&
        m_client->credentials()->rejected(m_sentAuthorization)) {
        m_reauthorized = true;
        queue();
        return;
    }
    const RetryPolicy &policy = m_client->retryPolicy();
    switch (policy.verdict(error, m_request.idempotent, notProcessed, m_attempts)) {
    case RetryPolicy::Verdict::Fail:
        break;
    case RetryPolicy::Verdict::OutcomeUnknown:
        if (error.message.isEmpty())
            error.message = u"HTTP %1"_s.arg(error.httpStatus);
        error.kind = ApiError::Kind::OutcomeUnknown;
        break;
    case RetryPolicy::Verdict::Retry: {
        const QByteArray reset =
            error.httpStatus == 429 ? reply->rawHeader("x-rate-limit-reset") : QByteArray();
        const std::optional<int> delay =
            policy.delayFor(m_attempts - 1, reply->rawHeader("Retry-After"), reset);
        if (!delay) // the server asks for a longer wait than we keep a request open
            break;
        qCDebug(lcModels) << m_request.method << m_request.path << "attempt" << m_attempts
                          << "failed, again in" << *delay << "ms:" << error.displayMessage();
        if (!m_retryTimer) {
            m_retryTimer = new QTimer(this);
            m_retryTimer->setSingleShot(true);
            connect(m_retryTimer, &QTimer::timeout, this, &ApiReply::queue);
        }
        m_retryTimer->start(*delay);
        Q_EMIT retrying(m_attempts, *delay, error);
        return;
    }
    }
    if (offline && offline->failed(this, error))
        return;
    finishWith(error);
}

namespace {

struct Parsed
{
    QJsonDocument document;
    QJsonParseError error;
};

} // namespace

// The worker parses its own copy of the body; if this reply dies (or is aborted) meanwhile, the
// watcher dies with it (or finds the reply finished) and the result is dropped.
void ApiReply::parseOffThread(QByteArray body, int status)
{
    auto *watcher = new QFutureWatcher<Parsed>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, body, status] {
        watcher->deleteLater();
        if (m_finished)
            return;
        const Parsed parsed = watcher->result();
        OfflineMode *offline = m_client ? m_client->m_offline : nullptr;
        if (parsed.error.error != QJsonParseError::NoError) {
            if (offline)
                offline->answered(this, status, {});
            ApiError error;
            error.kind = ApiError::Kind::Parse;
            error.httpStatus = status;
            error.message = parsed.error.errorString();
            error.attempts = m_attempts;
            finishWith(error);
            return;
        }
        if (offline)
            offline->answered(this, status, body);
        finishWith(parsed.document);
    });
    watcher->setFuture(QtConcurrent::run([body] {
        Parsed parsed;
        parsed.document = QJsonDocument::fromJson(body, &parsed.error);
        return parsed;
    }));
}

ApiError ApiReply::readAnswer(QNetworkReply *reply, QJsonDocument *json, bool *notProcessed,
                              QByteArray *rawBody, bool *parseLater)
{
    ApiError error;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError netError = reply->error();
    // The transfer timeout also ends in OperationCanceledError; only abort() is a cancel.
    const bool timedOut = netError == QNetworkReply::OperationCanceledError && !m_cancelled;

    // The server says its rate-limit window is spent: hold every request until it resets.
    if (m_client && reply->rawHeader("x-rate-limit-remaining").trimmed() == "0") {
        bool ok = false;
        const qint64 reset = reply->rawHeader("x-rate-limit-reset").trimmed().toLongLong(&ok);
        if (ok && reset > 0)
            m_client->rateLimiter()->pauseFor(reset * 1000);
    }

    // Connection-level errors (QNetworkReply numbers them below 100) win over any status: a
    // reply cut off after its headers is a broken transfer, not an unreadable answer.
    const bool transportFailed =
        netError != QNetworkReply::NoError && (netError < 100 || status == 0);
    if (transportFailed) {
        if (netError == QNetworkReply::TimeoutError || timedOut)
            error.kind = ApiError::Kind::Timeout;
        else if (netError == QNetworkReply::OperationCanceledError)
            error.kind = ApiError::Kind::Cancelled;
        else
            error.kind = ApiError::Kind::Transport;
        // (ContentReSendError lands here too: Qt could not send a write's one-shot body again
        // after the first send broke off; see ApiClient::transmit.)
        // Nothing was delivered when the connection could not even be opened.
        *notProcessed = netError == QNetworkReply::ConnectionRefusedError ||
                        netError == QNetworkReply::HostNotFoundError;
        error.httpStatus = status;
        error.message = reply->errorString();
        return error;
    }
    const QString contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    const bool isJson = contentType.startsWith(u"application/json"_s);
    error.httpStatus = status;
    if (status >= 200 && status < 300 && isJson && body.size() > kOffThreadParseBytes) {
        *rawBody = body;
        *parseLater = true;
        return error;
    }
    QJsonParseError parseError;
    const QJsonDocument document =
        isJson ? QJsonDocument::fromJson(body, &parseError) : QJsonDocument();
    if (status >= 200 && status < 300) {
        if (!isJson || parseError.error != QJsonParseError::NoError) {
            error.kind = ApiError::Kind::Parse;
            error.message =
                isJson ? parseError.errorString() : u"expected JSON, got %1"_s.arg(contentType);
        } else {
            *json = document;
            *rawBody = body;
        }
        return error;
    }
    const QJsonObject bodyError = document.object().value(u"error"_s).toObject();
    if (!bodyError.isEmpty()) {
        error.kind = ApiError::Kind::Api;
        error.type = bodyError.value(u"type"_s).toString();
        error.message = bodyError.value(u"message"_s).toString();
        error.userMessage = bodyError.value(u"userMessage"_s).toString();
        error.invalidId = bodyError.value(u"invalidId"_s).toString();
    } else {
        error.kind = ApiError::Kind::Http;
        error.message = QString::fromUtf8(body.left(200)).simplified();
    }
    return error;
}

} // namespace benchtop::models
