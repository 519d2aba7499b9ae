// A blocking HTTP client for server tests: sends one request to a lab server (in-process or
// not) and waits for the whole answer. For tests only; the app's client is models/api.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

namespace benchtop::test {

struct ApiResponse
{
    int status = 0; // 0: no answer (transport error or timeout)
    QJsonObject json;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
    // The error body's message, for failure output.
    QString errorMessage() const;
    // An async task's id from a 202 answer.
    QString taskId() const { return json.value(QStringLiteral("taskId")).toString(); }
};

class ApiTestClient
{
public:
    ApiTestClient(QUrl baseUrl, QString apiKey);

    // `path` starts at the API root: "/locations?pageSize=5" means /api/v2/locations?pageSize=5.
    ApiResponse get(const QString &path);
    ApiResponse post(const QString &path, const QJsonObject &body);
    ApiResponse patch(const QString &path, const QJsonObject &body);
    ApiResponse send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &contentType = "application/json");
    // Polls GET /tasks/{id} until it is no longer RUNNING (or 10 s pass); returns the task.
    QJsonObject waitForTask(const QString &taskId);

    void setApiKey(const QString &key) { m_key = key; }
    void setAuthorization(const QByteArray &header) { m_authorization = header; }

private:
    QNetworkAccessManager m_network;
    QUrl m_base;
    QString m_key;
    QByteArray m_authorization; // overrides the key when set
};

} // namespace benchtop::test
