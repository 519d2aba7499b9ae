#include "HttpConnection.h"

#include "../Logging.h"
#include "HttpServer.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cctype>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace benchtop::server::http {

namespace {

using benchtop::server::lcServer;

constexpr qint64 kSocketReadBuffer = 64 * 1024; // caps what a pipelining client can park here
constexpr qsizetype kMaxChunkLine = 4096;
constexpr int kLingerMs = 2000;

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

bool hasControlChars(QByteArrayView s, bool allowTab)
{
    return std::any_of(s.begin(), s.end(), [allowTab](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && !(allowTab && c == '\t')) || u == 0x7f;
    });
}

// All comma-separated tokens of every header of that name, lower-cased.
QList<QByteArray> headerTokens(const HeaderList &headers, QByteArrayView name)
{
    QList<QByteArray> tokens;
    for (const auto &[key, value] : headers) {
        if (key != name)
            continue;
        for (const QByteArray &part : value.split(',')) {
            const QByteArray token = part.trimmed().toLower();
            if (!token.isEmpty())
                tokens.append(token);
        }
    }
    return tokens;
}

class ConnectionResponder final : public HttpResponder
{
public:
    ConnectionResponder(HttpConnection *connection, quint64 seq)
        : m_connection(connection)
        , m_seq(seq)
    {}

    ~ConnectionResponder() override
    {
        if (isOpen()) {
            qCWarning(lcServer) << "request dropped without an answer; sending 500";
            m_connection->respond(
                m_seq, detail::errorResponse(500, QStringLiteral("Internal server error")));
        }
    }

    void send(HttpResponse response) override
    {
        if (m_answered) {
            qCWarning(lcServer) << "response sent twice for one request; ignoring the second";
            return;
        }
        m_answered = true;
        if (m_connection && m_connection->awaits(m_seq))
            m_connection->respond(m_seq, response);
        else
            qCDebug(lcServer) << "client went away before its response";
    }

    bool isOpen() const override
    {
        return !m_answered && m_connection && m_connection->awaits(m_seq);
    }

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_seq;
    bool m_answered = false;
};

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
    , m_timer(new QTimer(this))
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    // Small responses on a kept-alive connection would otherwise wait on Nagle + delayed ACK.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_request.peer = m_peer = m_socket->peerAddress();
    m_timer->setSingleShot(true);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    arm(Timer::Idle, limits().idleTimeoutMs);
}

HttpConnection::~HttpConnection()
{
    // Our slots must not run while the socket child is torn down after this body.
    m_state = State::Closed;
    m_socket->disconnect(this);
}

void HttpConnection::rejectBusy()
{
    m_rejected = true;
    fail(503, QStringLiteral("The server is busy; try again shortly."), {{"Retry-After", "1"}});
}

void HttpConnection::abort()
{
    m_state = State::Closed;
    m_timer->stop();
    m_socket->disconnect(this);
    m_socket->abort();
    deleteLater();
}

bool HttpConnection::awaits(quint64 seq) const
{
    return m_state == State::Handling && seq == m_seq;
}

void HttpConnection::respond(quint64 seq, const HttpResponse &response)
{
    if (!awaits(seq))
        return;
    const bool close =
        m_closeAfter ||
        std::any_of(response.headers.begin(), response.headers.end(), [](const auto &header) {
            return header.first.toLower() == "connection" && header.second.toLower() == "close";
        });
    write(response, close);
    if (close) {
        beginClose();
        return;
    }
    resetRequest();
    m_state = State::Head;
    processInput();
}

const HttpLimits &HttpConnection::limits() const
{
    return m_server->limits();
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Closing || m_state == State::Lingering)
        m_socket->readAll(); // nobody will read it; keep the client's sends from stalling
    else
        processInput();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Closing && m_socket->bytesToWrite() == 0)
        finishClose();
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer->stop();
    m_server->m_connections.removeOne(this);
    deleteLater();
}

void HttpConnection::onTimeout()
{
    const Timer purpose = std::exchange(m_timerPurpose, Timer::None);
    switch (purpose) {
    case Timer::Idle:
        qCDebug(lcServer) << "closing idle connection from" << m_peer;
        m_socket->disconnectFromHost();
        break;
    case Timer::Request:
        fail(408, QStringLiteral("The request was not completed in time."));
        break;
    case Timer::Flush:
    case Timer::Linger:
        m_socket->abort();
        break;
    case Timer::None:
        break;
    }
}

// The loop is re-entered when a handler answers synchronously; the outer call carries on.
void HttpConnection::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (m_state <= State::ChunkTrailer) {
        if (m_socket->bytesAvailable() > 0)
            m_in += m_socket->readAll();
        if (!advance())
            break;
    }
    m_processing = false;
}

bool HttpConnection::advance()
{
    switch (m_state) {
    case State::Head:
        return parseHead();
    case State::Body:
        return readBody();
    case State::ChunkSize:
        return parseChunkSize();
    case State::ChunkData:
        return readChunkData();
    case State::ChunkTrailer:
        return parseTrailer();
    default:
        return false;
    }
}

bool HttpConnection::parseHead()
{
    // Stray line breaks between requests are tolerated (RFC 9112 §2.2).
    qsizetype skip = 0;
    while (skip < m_in.size() && (m_in[skip] == '\r' || m_in[skip] == '\n'))
        ++skip;
    if (skip > 0) {
        m_in.remove(0, skip);
        m_lineStart = 0;
    }
    if (m_in.isEmpty()) {
        if (m_timerPurpose == Timer::None) {
            if (skip > 0)
                arm(Timer::Request, limits().requestTimeoutMs);
            else
                arm(Timer::Idle, limits().idleTimeoutMs);
        }
        return false;
    }
    if (m_timerPurpose != Timer::Request)
        arm(Timer::Request, limits().requestTimeoutMs);

    qsizetype headEnd = -1;
    for (qsizetype nl; (nl = m_in.indexOf('\n', m_lineStart)) >= 0;) {
        const qsizetype length = nl - m_lineStart;
        const bool blank = length == 0 || (length == 1 && m_in[m_lineStart] == '\r');
        m_lineStart = nl + 1;
        if (blank) {
            headEnd = nl + 1;
            break;
        }
    }
    if ((headEnd < 0 ? m_in.size() : headEnd) > limits().maxHeaderBytes) {
        fail(431, QStringLiteral("The request headers are too large."));
        return false;
    }
    if (headEnd < 0)
        return false;
    const QByteArray head = m_in.left(headEnd);
    m_in.remove(0, headEnd);
    m_lineStart = 0;
    return parseHeadLines(head) && startBody();
}

bool HttpConnection::parseHeadLines(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QList<QByteArray> parts = lines.value(0).split(' ');
    const QByteArray version = parts.value(2);
    if (parts.size() != 3 || !isToken(parts[0]) || !parts[1].startsWith('/') ||
        hasControlChars(parts[1], false) || parts[1].contains('#') || version.size() != 8 ||
        !version.startsWith("HTTP/") || !std::isdigit(static_cast<unsigned char>(version[5])) ||
        version[6] != '.' || !std::isdigit(static_cast<unsigned char>(version[7]))) {
        fail(400, QStringLiteral("Malformed request line."));
        return false;
    }
    if (version[5] != '1') {
        fail(505, QStringLiteral("Only HTTP/1.x is supported."));
        return false;
    }
    m_http10 = version[7] == '0';
    m_request.method = parts[0];
    m_request.target = parts[1];
    m_headOnly = m_request.method == "HEAD";

    const qsizetype question = m_request.target.indexOf('?');
    m_request.path = QUrl::fromPercentEncoding(question < 0 ? m_request.target
                                                            : m_request.target.left(question));
    if (question >= 0) {
        // QUrlQuery keeps '+' literal; form-style queries mean a space by it.
        QByteArray raw = m_request.target.mid(question + 1);
        raw.replace('+', "%20");
        m_request.query.setQuery(QString::fromUtf8(raw));
    }

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue; // the terminating blank line
        const qsizetype colon = line.indexOf(':');
        // Obsolete line folding and whitespace before the colon are rejected (RFC 9112 §5).
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)) ||
            hasControlChars(line, true)) {
            fail(400, QStringLiteral("Malformed header line."));
            return false;
        }
        m_request.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

bool HttpConnection::startBody()
{
    const HeaderList &headers = m_request.headers;
    const QList<QByteArray> encodings = headerTokens(headers, "transfer-encoding");
    QList<QByteArray> lengths;
    for (const auto &[key, value] : headers) {
        if (key == "content-length")
            lengths.append(value);
    }
    if (!encodings.isEmpty() && !lengths.isEmpty()) {
        fail(400, QStringLiteral("Content-Length and Transfer-Encoding must not both be sent."));
        return false;
    }
    const bool chunked = !encodings.isEmpty();
    if (chunked && encodings != QList<QByteArray>{"chunked"}) {
        fail(501, QStringLiteral("Only the chunked transfer coding is supported."));
        return false;
    }
    qsizetype length = 0;
    for (const QByteArray &value : lengths) {
        const bool digits = !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        if (!digits || (value != lengths.first())) {
            fail(400, QStringLiteral("Invalid Content-Length."));
            return false;
        }
        // Past 18 digits it cannot be parsed safely, and is far over any sensible limit anyway.
        length = value.size() > 18 ? limits().maxBodyBytes + 1 : value.toLongLong();
    }
    if (length > limits().maxBodyBytes) {
        fail(413, QStringLiteral("The request body is too large."));
        return false;
    }

    const QList<QByteArray> connection = headerTokens(headers, "connection");
    m_closeAfter = m_http10 ? !connection.contains("keep-alive") : connection.contains("close");

    const QByteArray expect = m_request.header("expect").toLower();
    if (!expect.isEmpty() && !m_http10) {
        if (expect != "100-continue") {
            fail(417, QStringLiteral("Unsupported expectation."));
            return false;
        }
        if ((chunked || length > 0) && m_in.isEmpty())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    if (chunked) {
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_remaining = length;
        m_state = State::Body;
    } else {
        dispatch();
    }
    return true;
}

bool HttpConnection::readBody()
{
    if (m_in.size() < m_remaining)
        return false;
    m_request.body = m_in.left(m_remaining);
    m_in.remove(0, m_remaining);
    m_remaining = 0;
    dispatch();
    return true;
}

bool HttpConnection::parseChunkSize()
{
    const qsizetype nl = m_in.indexOf('\n');
    if (nl < 0 || nl > kMaxChunkLine) {
        if (m_in.size() > kMaxChunkLine)
            fail(400, QStringLiteral("Malformed chunk size."));
        return false;
    }
    QByteArray line = m_in.left(nl);
    m_in.remove(0, nl + 1);
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
    if (semicolon >= 0)
        line.truncate(semicolon);
    line = line.trimmed();
    bool ok = !line.isEmpty() && line.size() <= 15 &&
              std::all_of(line.begin(), line.end(),
                          [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
    const qsizetype size = ok ? line.toLongLong(&ok, 16) : 0;
    if (!ok) {
        fail(400, QStringLiteral("Malformed chunk size."));
        return false;
    }
    if (size > limits().maxBodyBytes - m_request.body.size()) {
        fail(413, QStringLiteral("The request body is too large."));
        return false;
    }
    m_remaining = size;
    m_state = size == 0 ? State::ChunkTrailer : State::ChunkData;
    return true;
}

bool HttpConnection::readChunkData()
{
    if (m_remaining > 0) {
        const qsizetype take = std::min(m_remaining, m_in.size());
        m_request.body.append(QByteArrayView(m_in).first(take));
        m_in.remove(0, take);
        m_remaining -= take;
        if (m_remaining > 0)
            return false;
    }
    if (m_in.startsWith("\r\n")) {
        m_in.remove(0, 2);
    } else if (m_in.startsWith('\n')) {
        m_in.remove(0, 1);
    } else {
        if (!m_in.isEmpty() && m_in != "\r")
            fail(400, QStringLiteral("Malformed chunk."));
        return false;
    }
    m_state = State::ChunkSize;
    return true;
}

bool HttpConnection::parseTrailer()
{
    // Trailer fields are read to stay in sync with the stream, then dropped.
    for (qsizetype nl; (nl = m_in.indexOf('\n')) >= 0;) {
        const bool blank = nl == 0 || (nl == 1 && m_in[0] == '\r');
        m_trailerBytes += nl + 1;
        m_in.remove(0, nl + 1);
        if (m_trailerBytes > limits().maxHeaderBytes)
            break;
        if (blank) {
            dispatch();
            return true;
        }
    }
    if (m_trailerBytes + m_in.size() > limits().maxHeaderBytes)
        fail(431, QStringLiteral("The request trailers are too large."));
    return false;
}

void HttpConnection::dispatch()
{
    m_timer->stop();
    m_timerPurpose = Timer::None;
    m_state = State::Handling;
    const quint64 seq = ++m_seq;
    const HttpRequest request = std::exchange(m_request, {});
    const auto responder = std::make_shared<ConnectionResponder>(this, seq);
    const auto answerError = [&](const char *what) {
        qCWarning(lcServer) << "handler for" << request.method << request.path << "threw:" << what;
        if (responder->isOpen())
            responder->send(detail::errorResponse(500, QStringLiteral("Internal server error")));
    };
    try {
        m_server->m_handler(request, responder);
    } catch (const std::exception &e) {
        answerError(e.what());
    } catch (...) {
        answerError("unknown exception");
    }
}

void HttpConnection::fail(int status, const QString &message, const HeaderList &extra)
{
    qCDebug(lcServer) << "answering" << status << "to" << m_peer << ':' << message;
    HttpResponse response = detail::errorResponse(status, message);
    for (const auto &[name, value] : extra)
        response.setHeader(name, value);
    m_headOnly = false;
    write(response, true);
    beginClose();
}

void HttpConnection::write(const HttpResponse &response, bool close)
{
    const bool withBody = !m_headOnly && !detail::statusForbidsBody(response.status);
    m_socket->write(
        detail::serializeHead(response, response.body.size(), close, m_http10 && !close));
    if (withBody && !response.body.isEmpty())
        m_socket->write(response.body);
}

void HttpConnection::beginClose()
{
    m_state = State::Closing;
    m_in.clear();
    if (m_socket->bytesToWrite() == 0)
        finishClose();
    else
        arm(Timer::Flush, limits().idleTimeoutMs);
}

void HttpConnection::finishClose()
{
#ifdef Q_OS_UNIX
    // Closing outright with unread request bytes makes the kernel send a reset, which can destroy
    // the response before the client reads it (a 413 to a client still sending its body). Shut
    // down our half, drain, and let the client close.
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0) {
        m_state = State::Lingering;
        m_socket->readAll();
        arm(Timer::Linger, kLingerMs);
        return;
    }
#endif
    m_socket->disconnectFromHost();
}

void HttpConnection::arm(Timer purpose, int ms)
{
    m_timerPurpose = purpose;
    m_timer->start(ms);
}

void HttpConnection::resetRequest()
{
    m_request = {};
    m_request.peer = m_peer;
    m_remaining = 0;
    m_trailerBytes = 0;
    m_lineStart = 0;
    m_http10 = false;
    m_closeAfter = false;
    m_headOnly = false;
}

} // namespace benchtop::server::http
