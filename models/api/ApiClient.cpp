#include "ApiClient.h"

#include "BulkGetCoalescer.h"
#include "Credentials.h"
#include "OfflineMode.h"
#include "RateLimiter.h"
#include "TaskPoller.h"

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace benchtop::models {
namespace {

// A request body that can be read once. Qt 6.4 silently sends a request again when the
// connection closes before the first byte of the answer, POST included; a body it cannot
// rewind turns that resend into ContentReSendError, which we report as an unknown outcome
// instead of creating the resource twice.
class OneShotBody : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject *parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_read + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = std::min<qint64>(max, m_data.size() - m_read);
        std::copy_n(m_data.constData() + m_read, n, out);
        m_read += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
};

} // namespace

ApiClient::ApiClient(Connection connection, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_network(new QNetworkAccessManager(this))
    // A default that keeps a busy tree view well under common tenant limits while a burst
    // (expanding a freezer) still goes out at once; sessions that know their tenant's limit
    // set it with rateLimiter()->setRate().
    , m_limiter(new RateLimiter(20.0, 40, this))
    , m_coalescer(new BulkGetCoalescer(this))
    , m_credentials(new ApiKeyCredentials(m_connection.apiKey, this))
{
    // Redirects that change the host would leak the key; same-origin ones are fine.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

ApiClient::~ApiClient() = default;

void ApiClient::setCredentials(Credentials *credentials)
{
    if (credentials == m_credentials)
        return;
    delete m_credentials;
    m_credentials = credentials;
    m_credentials->setParent(this);
}

QUrl ApiClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_connection.baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + u"/api/v2"_s + path);
    // Encode every reserved character ourselves: QUrlQuery leaves '+' as is, and servers
    // (ours and Benchling's) read a bare '+' in a query as a space.
    QStringList items;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        items.append(QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' +
                                         QUrl::toPercentEncoding(value)));
    }
    if (!items.isEmpty())
        url.setQuery(items.join(u'&'));
    return url;
}

ApiReply *ApiClient::get(const QString &path, const QUrlQuery &query, QObject *owner)
{
    return send({"GET", path, query, {}, true}, owner);
}

ApiReply *ApiClient::post(const QString &path, const QJsonObject &body, QObject *owner)
{
    return send({"POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), false},
                owner);
}

ApiReply *ApiClient::patch(const QString &path, const QJsonObject &body, QObject *owner)
{
    return send({"PATCH", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), true},
                owner);
}

ApiReply *ApiClient::send(ApiRequest request, QObject *owner)
{
    return new ApiReply(this, std::move(request), owner ? owner : this);
}

ApiReply *ApiClient::getById(const BulkCollection &collection, const QString &id, QObject *owner)
{
    return m_coalescer->get(collection, id, owner ? owner : this);
}

TaskReply *ApiClient::waitForTask(const QString &taskId, QObject *owner)
{
    auto *reply = new TaskReply(this, taskId, owner ? owner : this);
    announceLongWork(reply, tr("Waiting for a background task"));
    return reply;
}

void ApiClient::announceLongWork(QObject *work, const QString &label)
{
    Q_EMIT longWorkStarted(work, label);
}

void ApiClient::endLongWork(QObject *work)
{
    Q_EMIT longWorkEnded(work);
}

void ApiClient::setOfflineCache(OfflineCache *cache)
{
    delete m_offline; // and with it any probe in flight
    m_offline = nullptr;
    if (!cache)
        return;
    cache->setParent(this);
    m_offline = new OfflineMode(this, cache);
    connect(m_offline, &OfflineMode::connectivityChanged, this, &ApiClient::connectivityChanged);
    connect(m_offline, &OfflineMode::probeStarted, this, &ApiClient::probeStarted);
}

OfflineCache *ApiClient::offlineCache() const
{
    return m_offline ? m_offline->cache() : nullptr;
}

void ApiClient::setOfflinePolicy(const OfflinePolicy &policy)
{
    if (m_offline)
        m_offline->setPolicy(policy);
}

bool ApiClient::isOnline() const
{
    return !m_offline || m_offline->isOnline();
}

QDateTime ApiClient::lastSeenAt() const
{
    return m_offline ? m_offline->seenAt() : QDateTime();
}

void ApiClient::probeNow()
{
    if (m_offline)
        m_offline->probeNow();
}

QNetworkReply *ApiClient::transmit(const ApiRequest &request)
{
    QNetworkRequest network(urlFor(request.path, request.query));
    network.setRawHeader("Accept", "application/json");
    network.setRawHeader("Authorization", m_credentials->authorization());
    network.setTransferTimeout(m_connection.timeoutMs);
    if (request.method == "GET")
        return m_network->get(network);
    network.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (request.idempotent)
        return m_network->sendCustomRequest(network, request.method, request.body);
    network.setHeader(QNetworkRequest::ContentLengthHeader, request.body.size());
    network.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    auto *body = new OneShotBody(request.body, nullptr);
    QNetworkReply *reply = m_network->sendCustomRequest(network, request.method, body);
    body->setParent(reply);
    return reply;
}

} // namespace benchtop::models
