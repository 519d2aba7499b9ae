#include "HttpServer.h"

#include "../Logging.h"
#include "HttpConnection.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace benchtop::server::http {

using benchtop::server::lcServer;

HttpServer::HttpServer(HttpHandler handler, HttpLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_limits(limits)
    , m_tcp(new QTcpServer(this))
{
    connect(m_tcp, &QTcpServer::newConnection, this, &HttpServer::acceptPending);
}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcp->listen(address, port)) {
        qCWarning(lcServer) << "cannot listen on" << address << port << ':' << m_tcp->errorString();
        return false;
    }
    return true;
}

quint16 HttpServer::port() const
{
    return m_tcp->serverPort();
}

QString HttpServer::errorString() const
{
    return m_tcp->errorString();
}

void HttpServer::close()
{
    m_tcp->close();
    // Taken out first: aborting a socket reports its disconnect back into this list.
    const QList<HttpConnection *> connections = std::exchange(m_connections, {});
    for (HttpConnection *connection : connections)
        connection->abort();
}

int HttpServer::connectionCount() const
{
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
                             [](const HttpConnection *c) { return !c->isRejected(); }));
}

void HttpServer::acceptPending()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        const bool full = connectionCount() >= m_limits.maxConnections;
        auto *connection = new HttpConnection(socket, this);
        m_connections.append(connection);
        if (full) {
            qCWarning(lcServer) << "connection limit" << m_limits.maxConnections
                                << "reached; turning away" << socket->peerAddress();
            connection->rejectBusy();
        }
    }
}

} // namespace benchtop::server::http
