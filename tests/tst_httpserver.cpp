// Protocol-level tests of the HTTP server over real loopback sockets. The client side is a raw
// QTcpSocket so that framing, ordering and closing are observed exactly as a client sees them.
#include "server/http/HttpConnection.h"
#include "server/http/HttpServer.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace benchtop::server::http;

namespace {

struct Reply
{
    int status = 0;
    HeaderList headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorMessage() const
    {
        return json()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("message"))
            .toString();
    }
};

class Client
{
public:
    explicit Client(quint16 port)
    {
        // Collected as it arrives, so nothing is lost when the server closes right after sending.
        QObject::connect(&m_socket, &QTcpSocket::readyRead,
                         [this] { m_buffer += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    QTcpSocket &socket() { return m_socket; }
    QByteArray &buffer() { return m_buffer; }

    // Whether a complete response has arrived; QTRY_* evaluates it repeatedly, so it only looks.
    bool ready(bool headOnly = false) const { return parse(headOnly, nullptr) > 0; }
    // Takes the complete response that ready() found off the received bytes.
    Reply take(bool headOnly = false)
    {
        Reply reply;
        m_buffer.remove(0, parse(headOnly, &reply));
        return reply;
    }

private:
    qsizetype parse(bool headOnly, Reply *reply) const
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return 0;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        Reply r;
        r.status = lines.first().split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            r.headers.append({lines[i].left(colon).toLower(), lines[i].mid(colon + 1).trimmed()});
        }
        const qsizetype length = headOnly ? 0 : r.header("content-length").toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return 0;
        r.body = m_buffer.mid(end + 4, length);
        if (reply)
            *reply = r;
        return end + 4 + length;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

HttpResponse text(const QByteArray &body)
{
    HttpResponse response;
    response.body = body;
    response.setHeader("Content-Type", "text/plain");
    return response;
}

QByteArray get(const QByteArray &target, const QByteArray &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n";
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    QList<HttpRequest> m_requests;
    // Records each request and echoes its body.
    HttpHandler echo()
    {
        return [this](const HttpRequest &request, std::shared_ptr<HttpResponder> responder) {
            m_requests.append(request);
            responder->send(text("echo:" + request.body));
        };
    }
    void expectError(Client &client, int status, bool closes = true)
    {
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.header("content-type"), "application/json");
        QCOMPARE(
            reply.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("type")),
            status >= 500 ? QStringLiteral("server_error")
                          : QStringLiteral("invalid_request_error"));
        QVERIFY(!reply.errorMessage().isEmpty());
        if (closes) {
            QCOMPARE(reply.header("connection"), "close");
            QTRY_VERIFY(client.closed());
        }
    }

private Q_SLOTS:
    void init() { m_requests.clear(); }

    void typesHelpers()
    {
        HttpResponse response = HttpResponse::json(201, QJsonDocument(QJsonObject{{"a", 1}}));
        QCOMPARE(response.body, R"({"a":1})");
        response.setHeader("content-type", "text/plain");
        response.setHeader("X-A", "1");
        QCOMPARE(response.headers.size(), 2);
        QCOMPARE(response.headers.first(),
                 (std::pair<QByteArray, QByteArray>("content-type", "text/plain")));
        HttpRequest request;
        request.headers = {{"x-one", "1"}, {"x-two", "2"}, {"x-one", "3"}};
        QCOMPARE(request.header("X-One"), "1");
        QCOMPARE(request.header("x-none"), QByteArray());
    }

    void dateFormat()
    {
        QLocale::setDefault(QLocale(QLocale::German)); // the date must not follow the locale
        const QDateTime time(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
        QCOMPARE(detail::httpDate(time), "Sun, 06 Nov 1994 08:49:37 GMT");
        QLocale::setDefault(QLocale::c());

        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(get("/"));
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        static const QRegularExpression format(
            R"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$)");
        QVERIFY2(format.match(QString::fromLatin1(reply.header("date"))).hasMatch(),
                 reply.header("date"));
        const QDateTime parsed =
            QLocale::c().toDateTime(QString::fromLatin1(reply.header("date")),
                                    QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        const QDateTime sent(parsed.date(), parsed.time(), Qt::UTC);
        QVERIFY(sent.isValid());
        QVERIFY(qAbs(sent.secsTo(QDateTime::currentDateTimeUtc())) < 5);
    }

    void getWithQuery()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(
            get("/api/v2/caf%C3%A9s?name=a%20b&other=c+d&utf=%C3%A9t%C3%A9&plus=%2B&amp=x%26y",
                "X-Custom:   spaced value  \r\nAccept: */*\r\n"));
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, "echo:");
        QCOMPARE(reply.header("content-length"), "5");
        QCOMPARE(reply.header("content-type"), "text/plain");
        QCOMPARE(m_requests.size(), 1);
        const HttpRequest &request = m_requests.first();
        QCOMPARE(request.method, "GET");
        QCOMPARE(request.path, QStringLiteral("/api/v2/cafés"));
        const auto item = [&](const char *key) {
            return request.query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
        };
        QCOMPARE(item("name"), QStringLiteral("a b"));
        QCOMPARE(item("other"), QStringLiteral("c d"));
        QCOMPARE(item("utf"), QStringLiteral("été"));
        QCOMPARE(item("plus"), QStringLiteral("+"));
        QCOMPARE(item("amp"), QStringLiteral("x&y"));
        QCOMPARE(request.header("X-CUSTOM"), "spaced value");
        QCOMPARE(request.headers.value(1).first, "x-custom");
        QCOMPARE(request.peer, QHostAddress(QHostAddress::LocalHost));
    }

    void postWithContentLength()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("POST /p HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello");
        QTRY_COMPARE(client.socket().bytesToWrite(), 0);
        QVERIFY(m_requests.isEmpty());
        client.send(" world");
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.body, "echo:hello world");
        QCOMPARE(m_requests.first().body, "hello world");
    }

    void chunkedBody()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
        client.send("lo\r\n6;ext=1\r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n");
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.body, "echo:hello world0123456789");
        client.send(get("/after")); // the trailer was consumed exactly
        QTRY_VERIFY(client.ready());
        reply = client.take();
        QCOMPARE(m_requests.value(1).path, QStringLiteral("/after"));
    }

    void chunkedTooLarge()
    {
        HttpServer server(echo(), HttpLimits{.maxBodyBytes = 10});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n");
        expectError(client, 413);
        QVERIFY(m_requests.isEmpty());
    }

    void keepAlive()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        Reply reply;
        client.send(get("/one"));
        QTRY_VERIFY(client.ready());
        reply = client.take();
        QCOMPARE(reply.header("connection"), QByteArray());
        client.send("POST /two HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        QTRY_VERIFY(client.ready());
        reply = client.take();
        QCOMPARE(reply.body, "echo:abc");
        QVERIFY(!client.closed());
        QCOMPARE(server.connectionCount(), 1);
        QCOMPARE(m_requests.size(), 2);
    }

    void pipelinedInOrder()
    {
        QStringList events;
        QObject context; // goes before events, taking a still pending answer with it
        HttpServer server(
            [&](const HttpRequest &request, std::shared_ptr<HttpResponder> responder) {
                events << QString(u"call " + request.path);
                if (request.path == QStringLiteral("/slow")) {
                    QTimer::singleShot(100, &context, [&events, responder] {
                        events << QStringLiteral("answer /slow");
                        responder->send(text("slow"));
                    });
                } else {
                    responder->send(text(request.path.toUtf8()));
                }
            });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(get("/slow") + get("/fast") + "HEAD /head HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(client.ready());
        const Reply first = client.take();
        QTRY_VERIFY(client.ready());
        const Reply second = client.take();
        QTRY_VERIFY(client.ready(true));
        const Reply third = client.take(true);
        QCOMPARE(first.body, "slow");
        QCOMPARE(second.body, "/fast");
        QCOMPARE(third.header("content-length"), "5");
        QCOMPARE(events, QStringList({"call /slow", "answer /slow", "call /fast", "call /head"}));
    }

    void connectionClose_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("connectionHeader");
        QTest::addColumn<bool>("closes");
        QTest::newRow("1.1 close")
            << get("/", "Connection: close\r\n") << QByteArray("close") << true;
        QTest::newRow("1.1 default") << get("/") << QByteArray() << false;
        QTest::newRow("1.0 default")
            << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("close") << true;
        QTest::newRow("1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
            << QByteArray("keep-alive") << false;
    }
    void connectionClose()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, connectionHeader);
        QFETCH(bool, closes);
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(request);
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection"), connectionHeader);
        if (closes) {
            QTRY_VERIFY(client.closed());
            QTRY_COMPARE(server.connectionCount(), 0);
        } else {
            client.send(get("/again"));
            QTRY_VERIFY(client.ready());
            reply = client.take();
            QCOMPARE(m_requests.size(), 2);
        }
    }

    void headHasNoBody()
    {
        HttpServer server([](const HttpRequest &request, std::shared_ptr<HttpResponder> responder) {
            responder->send(text(request.method == "HEAD" ? "abcdef" : "get"));
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("HEAD /x HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(client.ready(true));
        Reply reply = client.take(true);
        QCOMPARE(reply.header("content-length"), "6");
        client.send(get("/y")); // a body sent for HEAD would show up as garbage before this reply
        QTRY_VERIFY(client.ready());
        reply = client.take();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, "get");
        QVERIFY(client.buffer().isEmpty());
    }

    void headersTooLarge()
    {
        HttpServer server(echo(), HttpLimits{.maxHeaderBytes = 1024});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(get("/", "X-Big: " + QByteArray(2000, 'x') + "\r\n"));
        expectError(client, 431);
        QVERIFY(m_requests.isEmpty());
    }

    void bodyTooLarge_data()
    {
        QTest::addColumn<QByteArray>("expect");
        QTest::newRow("plain") << QByteArray();
        QTest::newRow("100-continue") << QByteArray("Expect: 100-continue\r\n");
    }
    void bodyTooLarge()
    {
        QFETCH(QByteArray, expect);
        HttpServer server(echo(), HttpLimits{.maxBodyBytes = 100});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("POST / HTTP/1.1\r\nContent-Length: 1000\r\n" + expect + "\r\n");
        expectError(client, 413); // answered without the body ever being sent
        QVERIFY(m_requests.isEmpty());
    }

    // A client that sends the body regardless (no Expect) must still read the 413, not a reset.
    void bodyTooLargeSentAnyway()
    {
        HttpServer server(echo(), HttpLimits{.maxBodyBytes = 100});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("POST / HTTP/1.1\r\nContent-Length: 4000000\r\n\r\n");
        client.send(QByteArray(4'000'000, 'x'));
        expectError(client, 413);
        QCOMPARE(client.socket().error(), QAbstractSocket::RemoteHostClosedError);
    }

    void expectContinue()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("PUT / HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.status, 100);
        client.send("data");
        QTRY_VERIFY(client.ready());
        reply = client.take();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, "echo:data");
    }

    void requestTimeout()
    {
        HttpServer server(echo(), HttpLimits{.requestTimeoutMs = 200});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        QElapsedTimer timer;
        timer.start();
        client.send("GET / HTTP/1.1\r\nHost: x\r\n");
        expectError(client, 408);
        QVERIFY(timer.elapsed() >= 150);
        QVERIFY(m_requests.isEmpty());
    }

    void idleClose()
    {
        HttpServer server(echo(), HttpLimits{.idleTimeoutMs = 200});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(get("/"));
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(server.connectionCount(), 1);
        QTRY_VERIFY(client.closed());
        QVERIFY(client.buffer().isEmpty()); // closed silently
        QTRY_COMPARE(server.connectionCount(), 0);
    }

    void tooManyConnections()
    {
        HttpServer server(echo(), HttpLimits{.maxConnections = 2});
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        auto first = std::make_unique<Client>(server.port());
        Client second(server.port());
        QTRY_COMPARE(server.connectionCount(), 2);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("connection limit 2 reached"));
        Client third(server.port());
        QTRY_VERIFY(third.ready());
        Reply reply = third.take();
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.header("retry-after"), "1");
        QTRY_VERIFY(third.closed());
        QCOMPARE(server.connectionCount(), 2);

        first.reset();
        QTRY_COMPARE(server.connectionCount(), 1);
        Client fourth(server.port());
        fourth.send(get("/"));
        QTRY_VERIFY(fourth.ready());
        reply = fourth.take();
        QCOMPARE(reply.status, 200);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("extra part") << QByteArray("GET / HTTP/1.1 x\r\n\r\n") << 400;
        QTest::newRow("absolute form") << QByteArray("GET http://h/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("space in name") << get("/", "Bad Name: x\r\n") << 400;
        QTest::newRow("no colon") << get("/", "NoColon\r\n") << 400;
        QTest::newRow("folded") << get("/", "A: b\r\n c\r\n") << 400;
        QTest::newRow("bad length") << get("/", "Content-Length: 1x\r\n") << 400;
        QTest::newRow("negative length") << get("/", "Content-Length: -1\r\n") << 400;
        QTest::newRow("two lengths")
            << get("/", "Content-Length: 1\r\nContent-Length: 2\r\n") << 400;
        QTest::newRow("length and chunked")
            << get("/", "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n") << 400;
        QTest::newRow("gzip coding") << get("/", "Transfer-Encoding: gzip\r\n") << 501;
        QTest::newRow("bad chunk")
            << QByteArray(get("/", "Transfer-Encoding: chunked\r\n") + "zz\r\n") << 400;
        QTest::newRow("odd expectation") << get("/", "Expect: magic\r\n") << 417;
    }
    void malformed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send(request);
        expectError(client, status);
        QVERIFY(m_requests.isEmpty());
    }

    void bareLineFeeds()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        Client client(server.port());
        client.send("\r\nPOST /lf HTTP/1.1\nContent-Length: 2\nX-A: b\n\nok");
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.body, "echo:ok");
        QCOMPARE(m_requests.first().header("x-a"), "b");
    }

    void unansweredIs500_data()
    {
        QTest::addColumn<bool>("throws");
        QTest::newRow("dropped") << false;
        QTest::newRow("throws") << true;
    }
    void unansweredIs500()
    {
        QFETCH(bool, throws);
        HttpServer server([throws](const HttpRequest &request, std::shared_ptr<HttpResponder>) {
            Q_UNUSED(request);
            if (throws)
                throw std::runtime_error("boom");
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QRegularExpression warning(throws ? "threw: boom" : "dropped without an answer");
        Client client(server.port());
        for (int i = 0; i < 2; ++i) { // the connection survives a failed handler
            QTest::ignoreMessage(QtWarningMsg, warning);
            client.send(get("/"));
            expectError(client, 500, false);
        }
        QVERIFY(!client.closed());
    }

    void sendTwiceIgnored()
    {
        HttpServer server([](const HttpRequest &, std::shared_ptr<HttpResponder> responder) {
            responder->send(text("first"));
            QVERIFY(!responder->isOpen());
            responder->send(text("second"));
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("sent twice"));
        Client client(server.port());
        client.send(get("/"));
        QTRY_VERIFY(client.ready());
        Reply reply = client.take();
        QCOMPARE(reply.body, "first");
        client.send(get("/"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("sent twice"));
        QTRY_VERIFY(client.ready());
        reply = client.take();
        QCOMPARE(reply.body, "first");
        QVERIFY(client.buffer().isEmpty());
    }

    void clientGoneWhileHandling()
    {
        std::shared_ptr<HttpResponder> held;
        auto server = std::make_unique<HttpServer>(
            [&](const HttpRequest &, std::shared_ptr<HttpResponder> responder) {
                held = responder;
            });
        QVERIFY(server->listen(QHostAddress::LocalHost, 0));
        auto client = std::make_unique<Client>(server->port());
        client->send(get("/"));
        QTRY_VERIFY(held);
        QVERIFY(held->isOpen());
        client.reset();
        QTRY_VERIFY(!held->isOpen());
        QTRY_COMPARE(server->connectionCount(), 0);
        held->send(text("late")); // harmless
        QVERIFY(!held->isOpen());

        // A responder that outlives the whole server is harmless too.
        client = std::make_unique<Client>(server->port());
        held.reset();
        client->send(get("/"));
        QTRY_VERIFY(held);
        server.reset();
        QVERIFY(!held->isOpen());
        held.reset();
        QTRY_VERIFY(client->closed());
    }

    void clientGoneMidRequest()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        auto client = std::make_unique<Client>(server.port());
        client->send("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\npartial");
        QTRY_COMPARE(server.connectionCount(), 1);
        client.reset();
        QTRY_COMPARE(server.connectionCount(), 0);
        QVERIFY(m_requests.isEmpty());
    }

    void workerThread()
    {
        QThread thread;
        thread.start();
        auto *server = new HttpServer(
            [](const HttpRequest &request, std::shared_ptr<HttpResponder> responder) {
                const bool onWorker = QThread::currentThread() != qApp->thread();
                QTimer::singleShot(10, [request, responder, onWorker] {
                    responder->send(text(request.path.toUtf8() + (onWorker ? " worker" : " main")));
                });
            },
            HttpLimits{.idleTimeoutMs = 100});
        server->moveToThread(&thread);
        quint16 port = 0;
        QMetaObject::invokeMethod(
            server,
            [&] {
                if (server->listen(QHostAddress::LocalHost, 0))
                    port = server->port();
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);
        Client client(port);
        client.send(get("/t"));
        QTRY_VERIFY(client.ready());
        QCOMPARE(client.take().body, "/t worker");
        QTRY_VERIFY(client.closed()); // the idle timer runs on the worker too
        QMetaObject::invokeMethod(
            server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    void closeStopsEverything()
    {
        HttpServer server(echo());
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const quint16 port = server.port();
        Client client(server.port());
        QTRY_COMPARE(server.connectionCount(), 1);
        server.close();
        QCOMPARE(server.connectionCount(), 0);
        QTRY_VERIFY(client.closed());
        QTcpSocket probe;
        QSignalSpy failed(&probe, &QTcpSocket::errorOccurred);
        probe.connectToHost(QHostAddress::LocalHost, port);
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
