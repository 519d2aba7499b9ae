#include "ApiTestClient.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QThread>

using namespace Qt::StringLiterals;

namespace benchtop::test {

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString ApiResponse::errorMessage() const
{
    return json.value(u"error"_s).toObject().value(u"message"_s).toString();
}

ApiTestClient::ApiTestClient(QUrl baseUrl, QString apiKey)
    : m_base(std::move(baseUrl))
    , m_key(std::move(apiKey))
{}

ApiResponse ApiTestClient::get(const QString &path)
{
    return send("GET", path);
}

ApiResponse ApiTestClient::post(const QString &path, const QJsonObject &body)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiResponse ApiTestClient::patch(const QString &path, const QJsonObject &body)
{
    return send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiResponse ApiTestClient::send(const QByteArray &method, const QString &path,
                                const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request(QUrl(m_base.toString(QUrl::StripTrailingSlash) + u"/api/v2"_s + path));
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    else if (!m_key.isEmpty())
        request.setRawHeader("Authorization", "Basic " + QByteArray(m_key.toUtf8() + ':').toBase64());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    ApiResponse response;
    if (reply->isFinished() || finished.wait(30'000)) {
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.json = QJsonDocument::fromJson(response.body).object();
        response.headers = reply->rawHeaderPairs();
    }
    reply->deleteLater();
    return response;
}

QJsonObject ApiTestClient::waitForTask(const QString &taskId)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10'000) {
        const ApiResponse task = get(u"/tasks/"_s + taskId);
        if (task.status != 200 || task.json.value(u"status"_s).toString() != u"RUNNING"_s)
            return task.json;
        QThread::msleep(5);
    }
    return {};
}

} // namespace benchtop::test
