#include "FaultProxy.h"

#include <QNetworkReply>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace benchtop::test {

struct FaultProxy::Client
{
    QPointer<QTcpSocket> socket;
    int number = 0;
    QByteArray buffer;
    bool busy = false; // a request is being answered; the next waits (no pipelining)
};

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

QByteArray errorBody(const QByteArray &message)
{
    return R"({"error":{"type":"invalid_request_error","message":")" + message +
           R"(","userMessage":")" + message + R"("}})";
}

} // namespace

FaultProxy::FaultProxy(QUrl upstream, QObject *parent)
    : QObject(parent)
    , m_upstream(std::move(upstream))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    vanish();
}

bool FaultProxy::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

QUrl FaultProxy::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()));
}

void FaultProxy::addRule(Rule rule)
{
    m_rules.append(std::move(rule));
}

void FaultProxy::vanish()
{
    m_server.close();
    for (Client *client : std::as_const(m_clients)) {
        if (client->socket)
            client->socket->abort();
        delete client->socket;
        delete client;
    }
    m_clients.clear();
}

int FaultProxy::count(const QByteArray &method, const QString &pathPart) const
{
    return int(std::count_if(m_seen.begin(), m_seen.end(), [&](const Seen &seen) {
        return (method.isEmpty() || seen.method == method) && seen.target.contains(pathPart);
    }));
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *client = new Client{socket, ++m_connections, {}, false};
        m_clients.append(client);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, client] {
            client->buffer += client->socket->readAll();
            process(client);
        });
    }
}

void FaultProxy::process(Client *client)
{
    if (client->busy || !client->socket)
        return;
    const qsizetype headEnd = client->buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = client->buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3) {
        client->socket->abort();
        return;
    }
    Headers headers;
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = lines[i].left(colon).trimmed().toLower();
        const QByteArray value = lines[i].mid(colon + 1).trimmed();
        if (name == "content-length")
            contentLength = value.toLongLong();
        headers.append({name, value});
    }
    if (client->buffer.size() < headEnd + 4 + contentLength)
        return; // the body is still on its way
    const QByteArray body = client->buffer.mid(headEnd + 4, contentLength);
    client->buffer.remove(0, headEnd + 4 + contentLength);
    client->busy = true;
    handle(client, requestLine[0], QString::fromLatin1(requestLine[1]), headers, body);
}

FaultProxy::Rule FaultProxy::take(const QByteArray &method, const QString &target)
{
    for (Rule &rule : m_rules) {
        if (rule.times > 0 && (rule.method.isEmpty() || rule.method == method) &&
            target.contains(rule.pathPart)) {
            --rule.times;
            return rule;
        }
    }
    return {};
}

void FaultProxy::handle(Client *client, const QByteArray &method, const QString &target,
                        const Headers &headers, const QByteArray &body)
{
    const Rule rule = take(method, target);
    m_seen.append({method, target, client->number, rule.fault});
    switch (rule.fault) {
    case Fault::TooManyRequests: {
        Headers extra;
        extra.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        if (!rule.retryAfter.isEmpty())
            extra.append({"Retry-After", rule.retryAfter});
        answer(client, rule, 429, "Too Many Requests", extra, errorBody("Rate limit exceeded"));
        return;
    }
    case Fault::Unavailable:
        answer(client, rule, 503, "Service Unavailable", {}, "down for maintenance");
        return;
    case Fault::BadGateway:
        answer(client, rule, 502, "Bad Gateway", {}, "upstream went away");
        return;
    case Fault::Canned:
        answer(client, rule, rule.status, "Canned", {{"Content-Type", "application/json"}},
               rule.body);
        return;
    default:
        break;
    }

    // Forward to the lab server and shape its answer by the rule.
    QNetworkRequest request(m_upstream.resolved(QUrl(target)));
    for (const auto &[name, value] : headers) {
        if (name != "host" && name != "connection" && name != "content-length" &&
            name != "accept-encoding")
            request.setRawHeader(name, value);
    }
    QNetworkReply *upstream = method == "GET" ? m_network.get(request)
                                              : m_network.sendCustomRequest(request, method, body);
    QPointer<QTcpSocket> socket = client->socket;
    connect(upstream, &QNetworkReply::finished, this, [this, client, socket, upstream, rule] {
        upstream->deleteLater();
        if (!socket) // vanished meanwhile
            return;
        const int status = upstream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            answer(client, rule, 502, "Bad Gateway", {}, upstream->errorString().toUtf8());
            return;
        }
        Headers answerHeaders;
        for (const auto &[name, value] : upstream->rawHeaderPairs()) {
            const QByteArray lower = name.toLower();
            if (lower != "content-length" && lower != "transfer-encoding" &&
                lower != "connection" && lower != "content-encoding")
                answerHeaders.append({name, value});
        }
        answer(client, rule, status,
               upstream->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
               answerHeaders, upstream->readAll());
    });
}

void FaultProxy::answer(Client *client, const Rule &rule, int status, QByteArray reason,
                        Headers headers, QByteArray body)
{
    QTcpSocket *socket = client->socket;
    if (!socket)
        return;
    switch (rule.fault) {
    case Fault::DropBeforeAnswer:
        socket->disconnectFromHost();
        return;
    case Fault::Stall:
        return; // keep the connection open and silent
    case Fault::InvalidJson:
        body = R"({"locations": [{"id": "loc_)";
        break;
    default:
        break;
    }
    headers.append(rule.headers);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' +
                      (reason.isEmpty() ? QByteArray("Status") : reason) + "\r\n";
    for (const auto &[name, value] : std::as_const(headers))
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    if (rule.fault == Fault::DropAfterHeaders) {
        socket->write(head);
        socket->disconnectFromHost();
        return;
    }
    if (rule.fault == Fault::DropMidBody) {
        socket->write(head + body.left(body.size() / 2));
        socket->disconnectFromHost();
        return;
    }
    socket->write(head + body);
    client->busy = false;
    process(client); // a request that arrived meanwhile on this connection
}

} // namespace benchtop::test
