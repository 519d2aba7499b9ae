// "Test connection": one real request through the API client that says who the credentials
// belong to (GET /api/v2/benchtop/session, a Benchtop lab server extension). A Benchling tenant
// answers 404 there; then a cheap authenticated call (GET /users?pageSize=1) proves the
// credentials work and the check says the server does not name the user.
#pragma once

#include <QObject>
#include <QPointer>

#include <memory>

namespace benchtop::models {
class ApiClient;
class ApiReply;
} // namespace benchtop::models

namespace benchtop::app {

class Session;
struct SessionOptions;

class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionCheck(QObject *parent = nullptr);
    ~ConnectionCheck() override;

    // Connects as `options` say (its own session, dropped afterwards) and asks.
    void start(const SessionOptions &options);
    // Asks through a client that is already connected.
    void start(models::ApiClient *client);
    bool isRunning() const { return m_reply != nullptr; }

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void onSession();
    void onFallback();
    void finish(bool ok, const QString &message);

    std::unique_ptr<Session> m_session;
    QPointer<models::ApiClient> m_client;
    models::ApiReply *m_reply = nullptr;
};

} // namespace benchtop::app
