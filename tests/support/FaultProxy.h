// A misbehaving network between the API client and an in-process lab server: an HTTP/1.1
// proxy on loopback that reads each request (keep-alive included), counts it, and either
// passes it on or injects the fault the test asked for: 429 with Retry-After, 503, a
// connection dropped before the answer, after its headers or mid-body, an answer that never
// comes, a body that is not JSON, a canned answer, or a server that vanishes altogether.
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace benchtop::test {

class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault {
        Pass,             // forward and answer faithfully
        TooManyRequests,  // 429 with Retry-After (not forwarded)
        Unavailable,      // 503 (not forwarded)
        BadGateway,       // 502 (not forwarded)
        DropBeforeAnswer, // forward, then close without a byte of answer
        DropAfterHeaders, // forward, send the status line and headers, then close
        DropMidBody,      // forward, send the headers and half the body, then close
        Stall,            // forward, then never answer (the client's timeout must end it)
        InvalidJson,      // forward, answer with a body that is not JSON
        Canned,           // answer `status` + `body` (not forwarded)
    };

    struct Rule
    {
        Fault fault = Fault::Pass;
        QByteArray method;     // empty: any
        QString pathPart;      // the request target contains this; empty: any
        int times = 1;         // requests this rule applies to before it is spent
        QByteArray retryAfter; // for TooManyRequests
        QList<std::pair<QByteArray, QByteArray>> headers; // added to the answer
        int status = 200;                                 // for Canned
        QByteArray body;                                  // for Canned
    };

    struct Seen
    {
        QByteArray method;
        QString target; // path and query as sent
        int connection; // 1 for the first accepted connection, and so on
        Fault fault;
    };

    explicit FaultProxy(QUrl upstream, QObject *parent = nullptr);
    ~FaultProxy() override;

    // Port 0 picks a free one; a given port brings a vanished proxy back where clients look.
    bool listen(quint16 port = 0);
    QUrl url() const;

    // Rules are tried in the order added; the first unspent one that matches applies.
    void addRule(Rule rule);
    void clearRules() { m_rules.clear(); }
    // Stops listening and cuts every open connection: the server is gone.
    void vanish();

    const QList<Seen> &requests() const { return m_seen; }
    int count(const QByteArray &method, const QString &pathPart = {}) const;
    int connectionsAccepted() const { return m_connections; }

private:
    struct Client;
    void onNewConnection();
    void process(Client *client);
    void handle(Client *client, const QByteArray &method, const QString &target,
                const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body);
    Rule take(const QByteArray &method, const QString &target);
    void answer(Client *client, const Rule &rule, int status, QByteArray reason,
                QList<std::pair<QByteArray, QByteArray>> headers, QByteArray body);

    QUrl m_upstream;
    QTcpServer m_server;
    QNetworkAccessManager m_network;
    QList<Rule> m_rules;
    QList<Seen> m_seen;
    QList<Client *> m_clients;
    int m_connections = 0;
};

} // namespace benchtop::test
