// A small HTTP/1.1 server on QTcpServer. It exists because QHttpServer 6.4 (a technology preview)
// has no body-size limit, no idle timeout and ignores "Connection: close" (DESIGN §7); this one
// enforces HttpLimits, keeps connections alive, answers pipelined requests in order and lets a
// handler answer asynchronously through its responder.
#pragma once

#include "HttpTypes.h"

#include <QObject>

class QTcpServer;

namespace benchtop::server::http {

class HttpConnection;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(HttpHandler handler, HttpLimits limits = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    // Port 0 picks a free port; port() tells which. False (see errorString()) if it cannot bind.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const;
    void close();

    int connectionCount() const;
    const HttpLimits &limits() const { return m_limits; }

private:
    void acceptPending();

    HttpHandler m_handler;
    HttpLimits m_limits;
    QTcpServer *m_tcp = nullptr;
    QList<HttpConnection *> m_connections;
    friend class HttpConnection;
};

} // namespace benchtop::server::http
