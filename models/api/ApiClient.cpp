#include "ApiClient.h"

#include "../Logging.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace benchtop::models {

ApiReply::ApiReply(QNetworkReply *reply, QObject *parent)
    : QObject(parent)
    , m_reply(reply)
{
    connect(reply, &QNetworkReply::finished, this, &ApiReply::complete);
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
    if (m_reply && !m_finished) {
        m_cancelled = true;
        m_reply->abort(); // completes at once with OperationCanceledError
    }
}

void ApiReply::complete()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    m_finished = true;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError netError = reply->error();
    // The transfer timeout also ends in OperationCanceledError; only abort() is a cancel.
    const bool timedOut = netError == QNetworkReply::OperationCanceledError && !m_cancelled;
    reply->deleteLater();
    m_reply = nullptr;

    // Connection-level errors (QNetworkReply numbers them below 100) win over any status: a
    // reply cut off after its headers is a broken transfer, not an unreadable answer.
    const bool transportFailed =
        netError != QNetworkReply::NoError && (netError < 100 || status == 0);
    if (transportFailed) {
        if (netError == QNetworkReply::TimeoutError || timedOut)
            m_error.kind = ApiError::Kind::Timeout;
        else if (netError == QNetworkReply::OperationCanceledError)
            m_error.kind = ApiError::Kind::Cancelled;
        else
            m_error.kind = ApiError::Kind::Transport;
        m_error.httpStatus = status;
        m_error.message = reply->errorString();
    } else {
        const bool isJson = reply->header(QNetworkRequest::ContentTypeHeader)
                                .toString()
                                .startsWith(u"application/json"_s);
        QJsonParseError parseError;
        const QJsonDocument document =
            isJson ? QJsonDocument::fromJson(body, &parseError) : QJsonDocument();
        if (status >= 200 && status < 300) {
            if (!isJson || parseError.error != QJsonParseError::NoError) {
                m_error.kind = ApiError::Kind::Parse;
                m_error.httpStatus = status;
                m_error.message =
                    isJson ? parseError.errorString()
                           : u"expected JSON, got %1"_s.arg(
                                 reply->header(QNetworkRequest::ContentTypeHeader).toString());
            } else {
                m_json = document;
            }
        } else {
            m_error.httpStatus = status;
            const QJsonObject error = document.object().value(u"error"_s).toObject();
            if (!error.isEmpty()) {
                m_error.kind = ApiError::Kind::Api;
                m_error.type = error.value(u"type"_s).toString();
                m_error.message = error.value(u"message"_s).toString();
                m_error.userMessage = error.value(u"userMessage"_s).toString();
                m_error.invalidId = error.value(u"invalidId"_s).toString();
            } else {
                m_error.kind = ApiError::Kind::Http;
                m_error.message = QString::fromUtf8(body.left(200)).simplified();
            }
        }
    }
    if (m_error.isError())
        qCDebug(lcModels) << "request failed:" << m_error.displayMessage();
    Q_EMIT finished();
}

ApiClient::ApiClient(Connection connection, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_network(new QNetworkAccessManager(this))
{
    // Redirects that change the host would leak the key; same-origin ones are fine.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

ApiClient::~ApiClient() = default;

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
    QNetworkRequest request(urlFor(path, query));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization",
                         "Basic " + QByteArray(m_connection.apiKey.toUtf8() + ':').toBase64());
    request.setTransferTimeout(m_connection.timeoutMs);
    QNetworkReply *reply = m_network->get(request);
    return new ApiReply(reply, owner ? owner : this);
}

} // namespace benchtop::models
