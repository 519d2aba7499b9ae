// How the API client authenticates (DESIGN §2): the client asks its Credentials for the
// Authorization header of each request. An API key is HTTP Basic with the key as user name;
// OAuth2 client credentials fetch a bearer token from POST /api/v2/token, keep it, and fetch a
// new one before it expires (at 80% of its lifetime) or once after the server refused it.
#pragma once

#include "ApiError.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace benchtop::models {

class Credentials : public QObject
{
    Q_OBJECT
public:
    using Ready = std::function<void(const ApiError &error)>;

    using QObject::QObject;

    // The header value for a request now; empty when the credentials are not ready.
    virtual QByteArray authorization() const = 0;
    // True when authorization() can be sent as it is.
    virtual bool isReady() const = 0;
    // Makes the credentials ready and then calls `ready` (never from inside this call): with no
    // error, or with the typed error that says why there are none (a wrong client secret).
    // Nothing is called when `context` dies first.
    virtual void prepare(QObject *context, Ready ready) = 0;
    // The server answered 401 to a request sent with `sent`. True when newer credentials may
    // succeed (the caller then prepares again and sends the request once more); the caller
    // never asks twice for one request, so a refusal cannot loop.
    virtual bool rejected(const QByteArray &sent)
    {
        Q_UNUSED(sent);
        return false;
    }
};

class ApiKeyCredentials : public Credentials
{
    Q_OBJECT
public:
    explicit ApiKeyCredentials(QString apiKey, QObject *parent = nullptr);

    QByteArray authorization() const override { return m_header; }
    bool isReady() const override { return true; }
    void prepare(QObject *context, Ready ready) override;

    static QByteArray basic(const QString &user, const QString &password = {});

private:
    QByteArray m_header;
};

class OAuthCredentials : public Credentials
{
    Q_OBJECT
public:
    // `baseUrl` as ApiClient's Connection has it; the token comes from {baseUrl}/api/v2/token.
    OAuthCredentials(QUrl baseUrl, QString clientId, QString clientSecret,
                     QObject *parent = nullptr);
    ~OAuthCredentials() override;

    QByteArray authorization() const override;
    bool isReady() const override;
    void prepare(QObject *context, Ready ready) override;
    bool rejected(const QByteArray &sent) override;

    // How many tokens were requested so far (for tests and the log).
    int tokenRequests() const { return m_tokenRequests; }
    // The share of a token's lifetime after which a new one is fetched (default 0.8).
    void setRefreshFraction(double fraction) { m_refreshFraction = fraction; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

Q_SIGNALS:
    void tokenChanged();

private:
    void requestToken();
    void onTokenReply();
    void finishWaiters(const ApiError &error);

    QUrl m_baseUrl;
    QString m_clientId;
    QString m_clientSecret;
    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_token;  // "Bearer …", empty when none
    QElapsedTimer m_age; // since the token was issued
    qint64 m_freshForMs = 0;
    double m_refreshFraction = 0.8;
    int m_timeoutMs = 30'000;
    int m_tokenRequests = 0;
    struct Waiter
    {
        QPointer<QObject> context;
        Ready ready;
    };
    QList<Waiter> m_waiters;
};

} // namespace benchtop::models
