// The HTTP adapter's value types. The lab server's routes see only these, never a socket, so the
// HTTP implementation underneath can be swapped without touching a route.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <utility>

namespace benchtop::server::http {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method;  // upper case as sent, e.g. "GET"
    QByteArray target;  // raw request target, e.g. "/api/v2/locations?pageSize=5"
    QString path;       // percent-decoded path without the query, e.g. "/api/v2/locations"
    QUrlQuery query;    // decoded query items (a '+' is a space, as browsers and requests send)
    HeaderList headers; // names lower-cased, values as sent (trimmed)
    QByteArray body;
    QHostAddress peer;

    // The first header of that name (case-insensitive), or an empty array.
    QByteArray header(QByteArrayView name) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers; // Content-Length, Date and Connection are added by the server
    QByteArray body;

    static HttpResponse json(int status, const QJsonDocument &document);
    void setHeader(const QByteArray &name, const QByteArray &value);
};

// One-shot answer to one request. A handler may answer at once or keep the responder and answer
// later (from the server's thread); the connection waits for it. Dropping every copy without
// answering sends a 500, so a request never hangs.
class HttpResponder
{
public:
    virtual ~HttpResponder() = default;
    virtual void send(HttpResponse response) = 0;
    // False once answered or once the client has gone away.
    virtual bool isOpen() const = 0;
};

using HttpHandler = std::function<void(const HttpRequest &, std::shared_ptr<HttpResponder>)>;

// The limits a server facing real clients needs; each breach is answered with its status code
// (431, 413, 408, 503) and the connection is closed.
struct HttpLimits
{
    qsizetype maxHeaderBytes = 32 * 1024;      // request line + headers
    qsizetype maxBodyBytes = 64 * 1024 * 1024; // Content-Length above this gets 413
    int idleTimeoutMs = 60'000;                // keep-alive connection with no request
    int requestTimeoutMs = 30'000;             // from first byte to a complete request
    int maxConnections = 256;                  // beyond this a new connection gets 503
};

} // namespace benchtop::server::http
