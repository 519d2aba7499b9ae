#include "Credentials.h"

#include "../Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::models {
namespace {

// Calls `ready` from the event loop, unless `context` dies first.
void readyLater(QObject *context, Credentials::Ready ready, ApiError error = {})
{
    QMetaObject::invokeMethod(
        context, [ready = std::move(ready), error] { ready(error); }, Qt::QueuedConnection);
}

} // namespace

ApiKeyCredentials::ApiKeyCredentials(QString apiKey, QObject *parent)
    : Credentials(parent)
    , m_header(basic(apiKey))
{}

QByteArray ApiKeyCredentials::basic(const QString &user, const QString &password)
{
    return "Basic " + QByteArray(user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

void ApiKeyCredentials::prepare(QObject *context, Ready ready)
{
    readyLater(context, std::move(ready));
}

OAuthCredentials::OAuthCredentials(QUrl baseUrl, QString clientId, QString clientSecret,
                                   QObject *parent)
    : Credentials(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

OAuthCredentials::~OAuthCredentials()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QByteArray OAuthCredentials::authorization() const
{
    return m_token;
}

bool OAuthCredentials::isReady() const
{
    return !m_token.isEmpty() && m_age.isValid() && m_age.elapsed() < m_freshForMs;
}

void OAuthCredentials::prepare(QObject *context, Ready ready)
{
    if (isReady()) {
        readyLater(context, std::move(ready));
        return;
    }
    m_waiters.append({context, std::move(ready)});
    if (!m_reply)
        requestToken();
}

bool OAuthCredentials::rejected(const QByteArray &sent)
{
    if (sent.isEmpty() || !sent.startsWith("Bearer "))
        return false;
    if (sent == m_token) {
        // The server no longer takes our token (expired early, revoked, server restarted):
        // the next prepare() fetches a new one.
        qCDebug(lcModels) << "bearer token refused; fetching a new one";
        m_token.clear();
        m_age.invalidate();
    }
    // Either we just dropped it, or a newer token is here or on its way.
    return true;
}

void OAuthCredentials::requestToken()
{
    ++m_tokenRequests;
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + u"/api/v2/token"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    // As `curl -u id:secret` sends it, which Benchling documents; ids and secrets are plain
    // base-62, so form-encoding them first (RFC 6749 §2.3.1) would change nothing.
    request.setRawHeader("Authorization", ApiKeyCredentials::basic(m_clientId, m_clientSecret));
    request.setTransferTimeout(m_timeoutMs);
    m_reply = m_network->post(request, QByteArray("grant_type=client_credentials"));
    connect(m_reply, &QNetworkReply::finished, this, &OAuthCredentials::onTokenReply);
}

void OAuthCredentials::onTokenReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();

    ApiError error;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    error.httpStatus = status;
    if (reply->error() != QNetworkReply::NoError && (reply->error() < 100 || status == 0)) {
        error.kind = reply->error() == QNetworkReply::OperationCanceledError ||
                             reply->error() == QNetworkReply::TimeoutError
                         ? ApiError::Kind::Timeout
                         : ApiError::Kind::Transport;
        error.message = reply->errorString();
        finishWaiters(error);
        return;
    }
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(body, &parseError).object();
    if (status < 200 || status >= 300) {
        const QJsonValue bodyError = json.value(u"error"_s);
        if (bodyError.isObject()) { // Benchling's shape
            error.kind = ApiError::Kind::Api;
            error.type = bodyError[u"type"_s].toString();
            error.message = bodyError[u"message"_s].toString();
            error.userMessage = bodyError[u"userMessage"_s].toString();
        } else if (bodyError.isString()) { // RFC 6749 §5.2
            error.kind = ApiError::Kind::Api;
            error.type = bodyError.toString();
            error.message = json.value(u"error_description"_s).toString();
        } else {
            error.kind = ApiError::Kind::Http;
            error.message = QString::fromUtf8(body.left(200)).simplified();
        }
        if (error.message.isEmpty())
            error.message = u"The token request was refused (HTTP %1)."_s.arg(status);
        finishWaiters(error);
        return;
    }
    const QString token = json.value(u"access_token"_s).toString();
    const int expiresIn = json.value(u"expires_in"_s).toInt(0);
    if (parseError.error != QJsonParseError::NoError || token.isEmpty() || expiresIn <= 0 ||
        json.value(u"token_type"_s).toString().compare(u"bearer"_s, Qt::CaseInsensitive) != 0) {
        error.kind = ApiError::Kind::Parse;
        error.message = u"The token endpoint did not answer with a bearer token and its "
                        "lifetime (access_token, token_type, expires_in)."_s;
        finishWaiters(error);
        return;
    }
    m_token = "Bearer " + token.toUtf8();
    m_age.start();
    m_freshForMs = qint64(expiresIn * 1000.0 * m_refreshFraction);
    qCDebug(lcModels) << "new bearer token, fresh for" << m_freshForMs << "ms";
    Q_EMIT tokenChanged();
    finishWaiters({});
}

void OAuthCredentials::finishWaiters(const ApiError &error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            readyLater(waiter.context, waiter.ready, error);
    }
}

} // namespace benchtop::models
