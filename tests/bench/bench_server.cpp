// bench_server: throughput and latency of the lab server's inventory routes, each against the
// bare HTTP stack measured in the same run.
//
// The server (a LabServer, in this process, on a thread of its own) is loaded by N clients, each
// on its own thread with one keep-alive connection speaking raw HTTP/1.1 (one request at a time,
// blocking socket calls), so the clients cost little next to the server. Each operation runs for
// --seconds after a short warm-up; the table gives requests/s, p50 and p99 latency, and the ratio
// of requests/s to the "minimal" route.
//
// The minimal route is an http::HttpServer with a handler that answers a fixed small JSON at
// once: the ceiling of the HTTP stack itself (parse, write, keep-alive) that every route sits
// on; nothing a route does can be faster, and it does not move with the database back end, so
// ratios compare across --db choices. GET /tasks/{unknown} is reported beside it: that is the
// fixed cost every API request pays on top (worker-thread hop, API key lookup, transaction,
// one primary-key read) and tells how much of a route's cost is its own work.
//
//   bench_server [--resource containers|locations] [--db sqlite|postgresql://u:p@host/db]
//                [--seconds 3] [--clients 8] [--count 1000]
//
// --resource containers (the default) needs the inventory routes (/boxes, /containers,
// /box-schemas, /container-schemas); --resource locations runs the same three measurements on
// /locations (moves change parentStorageId between two locations).
#include "server/LabServer.h"
#include "server/http/HttpServer.h"
#include "server/storage/DemoData.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace benchtop::server;
using Clock = std::chrono::steady_clock;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// One keep-alive HTTP/1.1 connection with blocking calls, for a thread without an event loop.
class RawClient
{
public:
    bool connect(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return m_socket.waitForConnected(5'000);
    }

    Reply send(const QByteArray &request)
    {
        Reply reply;
        if (m_socket.write(request) != request.size())
            return reply;
        qsizetype headEnd = -1;
        qsizetype length = 0;
        while (true) {
            if (headEnd < 0 && (headEnd = m_in.indexOf("\r\n\r\n")) >= 0) {
                const QByteArray head = m_in.left(headEnd);
                reply.status = head.mid(9, 3).toInt();
                const qsizetype at = head.toLower().indexOf("\r\ncontent-length:");
                length = at < 0 ? 0
                                : head.mid(at + 17, head.indexOf('\r', at + 2) - at - 17)
                                      .trimmed()
                                      .toLongLong();
            }
            if (headEnd >= 0 && m_in.size() >= headEnd + 4 + length)
                break;
            if (!m_socket.waitForReadyRead(30'000)) {
                reply.status = 0;
                return reply;
            }
            m_in += m_socket.readAll();
        }
        reply.body = m_in.mid(headEnd + 4, length);
        m_in.remove(0, headEnd + 4 + length);
        return reply;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_in;
};

QByteArray request(const QByteArray &method, const QString &path, const QByteArray &auth,
                   const QJsonObject &body = {})
{
    QByteArray out = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!auth.isEmpty())
        out += "Authorization: " + auth + "\r\n";
    if (method == "GET")
        return out + "\r\n";
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return out +
           "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) +
           "\r\n\r\n" + json;
}

struct Operation
{
    QString name;
    quint16 port;
    int expectedStatus;
    // The request a client sends as its n-th.
    std::function<QByteArray(int client, quint64 n)> make;
};

struct Result
{
    double rps = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    quint64 errors = 0;
    QByteArray firstError;
};

Result measure(const Operation &op, int clients, double seconds)
{
    std::atomic<bool> recording = false;
    std::atomic<bool> stop = false;
    std::vector<std::vector<qint64>> latencies(clients);
    std::vector<quint64> errors(clients, 0);
    std::vector<QByteArray> firstErrors(clients);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back(QThread::create([&, c] {
            RawClient client;
            if (!client.connect(op.port)) {
                errors[c] = 1;
                firstErrors[c] = "cannot connect";
                return;
            }
            auto &mine = latencies[c];
            mine.reserve(200'000);
            for (quint64 n = 0; !stop.load(std::memory_order_relaxed); ++n) {
                const QByteArray bytes = op.make(c, n);
                const auto start = Clock::now();
                const Reply reply = client.send(bytes);
                const auto took = Clock::now() - start;
                if (reply.status != op.expectedStatus) {
                    if (errors[c]++ == 0)
                        firstErrors[c] = QByteArray::number(reply.status) + ' ' + reply.body;
                    if (reply.status == 0)
                        return; // connection lost
                }
                if (recording.load(std::memory_order_relaxed))
                    mine.push_back(
                        std::chrono::duration_cast<std::chrono::nanoseconds>(took).count());
            }
        }));
        threads.back()->start();
    }
    QThread::msleep(500); // warm-up: connections made, caches and statements primed
    recording = true;
    const auto begin = Clock::now();
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    recording = false;
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    stop = true;
    for (auto &thread : threads)
        thread->wait();

    Result result;
    std::vector<qint64> all;
    for (int c = 0; c < clients; ++c) {
        all.insert(all.end(), latencies[c].begin(), latencies[c].end());
        result.errors += errors[c];
        if (result.firstError.isEmpty())
            result.firstError = firstErrors[c];
    }
    std::sort(all.begin(), all.end());
    result.rps = double(all.size()) / elapsed;
    const auto at = [&](double q) {
        return all.empty()
                   ? 0.0
                   : double(all[std::min(all.size() - 1, size_t(q * double(all.size())))]) / 1e6;
    };
    result.p50Ms = at(0.50);
    result.p99Ms = at(0.99);
    return result;
}

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_server: %s\n", qPrintable(message));
    std::exit(1);
}

// Setup calls: one keep-alive connection; anything but the expected status is fatal.
struct Setup
{
    RawClient client;
    QByteArray auth;

    QJsonObject call(const QByteArray &method, const QString &path, int expected,
                     const QJsonObject &body = {})
    {
        const Reply reply = client.send(request(method, path, auth, body));
        if (reply.status != expected) {
            die(u"%1 %2 answered %3 (expected %4): %5"_s.arg(QString::fromLatin1(method), path)
                    .arg(reply.status)
                    .arg(expected)
                    .arg(QString::fromUtf8(reply.body.left(400))));
        }
        return reply.json();
    }
    // 404 "no API operation" means the route is not there yet.
    bool routed(const QString &path)
    {
        const Reply reply = client.send(request("GET", path, auth));
        return !(reply.status == 404 && reply.body.contains("There is no API operation"));
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Lab server throughput and latency."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"resource"_s, u"containers (default) or locations."_s, u"kind"_s, u"containers"_s},
        {u"db"_s, u"sqlite (a temporary file; default) or postgresql://user:pass@host/db."_s,
         u"database"_s, u"sqlite"_s},
        {u"seconds"_s, u"Seconds per measurement (default 3)."_s, u"n"_s, u"3"_s},
        {u"clients"_s, u"Concurrent keep-alive clients (default 8)."_s, u"n"_s, u"8"_s},
        {u"count"_s, u"Resources created to read (default 1000)."_s, u"n"_s, u"1000"_s},
    });
    parser.process(app);
    const QString resource = parser.value(u"resource"_s);
    if (resource != u"containers"_s && resource != u"locations"_s)
        die(u"--resource takes containers or locations"_s);
    const bool containers = resource == u"containers"_s;
    const double seconds = parser.value(u"seconds"_s).toDouble();
    const int clients = parser.value(u"clients"_s).toInt();
    const int count = parser.value(u"count"_s).toInt();
    if (seconds <= 0 || clients < 1 || count < 1)
        die(u"--seconds, --clients and --count take positive numbers"_s);

    QTemporaryDir dir;
    LabServerConfig config;
    const QString db = parser.value(u"db"_s);
    config.database = db == u"sqlite"_s ? dir.filePath(u"bench.sqlite"_s) : db;
    config.seedDemoData = true;
    const QString backend = DatabaseConfig{config.database}.isPostgres()
                                ? u"PostgreSQL"_s
                                : u"SQLite (WAL, synchronous=NORMAL)"_s;

    // Both servers live on one thread of their own, as the app runs its embedded server.
    QThread serverThread;
    QObject host;
    host.moveToThread(&serverThread);
    serverThread.start();
    std::unique_ptr<LabServer> server;
    std::unique_ptr<http::HttpServer> minimal;
    QString error;
    QString key;
    QMetaObject::invokeMethod(
        &host,
        [&] {
            server = std::make_unique<LabServer>(config);
            if (!server->start(&error))
                return;
            key = server->apiKeys().create(QString::fromUtf16(kDemoUserHandle), u"bench"_s, &error);
            const QByteArray fixed = R"({"ok":true,"server":"benchtop"})";
            minimal = std::make_unique<http::HttpServer>(
                [fixed](const http::HttpRequest &, std::shared_ptr<http::HttpResponder> r) {
                    http::HttpResponse response;
                    response.setHeader("Content-Type", "application/json");
                    response.body = fixed;
                    r->send(std::move(response));
                });
            if (!minimal->listen(QHostAddress::LocalHost, 0))
                error = minimal->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (key.isEmpty() || !error.isEmpty())
        die(u"cannot start the server: "_s + error);
    const quint16 apiPort = server->port();
    const quint16 minimalPort = minimal->port();
    const QByteArray auth = "Basic " + QByteArray(key.toUtf8() + ':').toBase64();

    Setup setup;
    setup.auth = auth;
    if (!setup.client.connect(apiPort))
        die(u"cannot connect to the server"_s);
    const QJsonArray seeded =
        setup.call("GET", u"/api/v2/locations?pageSize=100"_s, 200)[u"locations"_s].toArray();
    if (seeded.isEmpty())
        die(u"the demo data has no locations"_s);
    const QString locationSchema = seeded.first()[u"schema"_s][u"id"_s].toString();
    const QString home = seeded.first()[u"id"_s].toString();

    std::fprintf(stderr, "setting up %d %s...\n", count, qPrintable(resource));
    QStringList ids;
    QList<std::pair<QString, QString>> movers; // per client: id, and its two places
    QList<std::pair<QString, QString>> places;
    QString collection = containers ? u"containers"_s : u"locations"_s;
    if (containers) {
        for (const QString &path : {u"/api/v2/containers"_s, u"/api/v2/boxes"_s,
                                    u"/api/v2/box-schemas"_s, u"/api/v2/container-schemas"_s}) {
            if (!setup.routed(path))
                die(u"%1 is not routed on this build; run with --resource locations"_s.arg(path));
        }
        const auto first = [&](const QString &path, const QString &listKey) {
            const QJsonArray items = setup.call("GET", path, 200)[listKey].toArray();
            if (items.isEmpty())
                die(u"%1 lists no %2; seed the demo data"_s.arg(path, listKey));
            return items.first()[u"id"_s].toString();
        };
        const QString boxSchema = first(u"/api/v2/box-schemas?pageSize=100"_s, u"boxSchemas"_s);
        const QString containerSchema =
            first(u"/api/v2/container-schemas?pageSize=100"_s, u"containerSchemas"_s);
        for (int i = 0; i < count; ++i) {
            ids.append(setup
                           .call("POST", u"/api/v2/containers"_s, 201,
                                 {{u"name"_s, u"bench tube %1"_s.arg(i)},
                                  {u"schemaId"_s, containerSchema}})[u"id"_s]
                           .toString());
        }
        // Each client moves its own tube between A1 and A2 of its own box.
        for (int c = 0; c < clients; ++c) {
            const QString box = setup
                                    .call("POST", u"/api/v2/boxes"_s, 201,
                                          {{u"name"_s, u"bench box %1"_s.arg(c)},
                                           {u"schemaId"_s, boxSchema},
                                           {u"parentStorageId"_s, home}})[u"id"_s]
                                    .toString();
            places.append({box + u":A1"_s, box + u":A2"_s});
        }
        for (int c = 0; c < clients; ++c) {
            movers.append({setup
                               .call("POST", u"/api/v2/containers"_s, 201,
                                     {{u"name"_s, u"bench mover %1"_s.arg(c)},
                                      {u"schemaId"_s, containerSchema},
                                      {u"parentStorageId"_s, places[c].first}})[u"id"_s]
                               .toString(),
                           QString()});
        }
    } else {
        for (int i = 0; i < count; ++i) {
            ids.append(setup
                           .call("POST", u"/api/v2/locations"_s, 201,
                                 {{u"name"_s, u"bench shelf %1"_s.arg(i)},
                                  {u"schemaId"_s, locationSchema},
                                  {u"parentStorageId"_s,
                                   seeded.at(i % seeded.size())[u"id"_s].toString()}})[u"id"_s]
                           .toString());
        }
        // Every client moves its own location between two shared parents.
        const auto make = [&](const QString &name) {
            return setup
                .call("POST", u"/api/v2/locations"_s, 201,
                      {{u"name"_s, name}, {u"schemaId"_s, locationSchema}})[u"id"_s]
                .toString();
        };
        const QString a = make(u"bench parent A"_s);
        const QString b = make(u"bench parent B"_s);
        for (int c = 0; c < clients; ++c) {
            places.append({a, b});
            movers.append({setup
                               .call("POST", u"/api/v2/locations"_s, 201,
                                     {{u"name"_s, u"bench mover %1"_s.arg(c)},
                                      {u"schemaId"_s, locationSchema},
                                      {u"parentStorageId"_s, a}})[u"id"_s]
                               .toString(),
                           QString()});
        }
    }

    // Requests are built ahead where they do not vary, so clients spend their time waiting.
    QList<QByteArray> gets;
    for (const QString &id : std::as_const(ids))
        gets.append(request("GET", u"/api/v2/"_s + collection + u'/' + id, auth));
    const QByteArray list = request("GET", u"/api/v2/"_s + collection + u"?pageSize=100"_s, auth);
    const QByteArray minimalRequest = request("GET", u"/ping"_s, {});
    const QByteArray unknownTask =
        request("GET", u"/api/v2/tasks/00000000-0000-0000-0000-000000000000"_s, auth);
    QList<std::pair<QByteArray, QByteArray>> moves; // per client: to second place, to first
    for (int c = 0; c < clients; ++c) {
        const QString path = u"/api/v2/"_s + collection + u'/' + movers[c].first;
        moves.append({request("PATCH", path, auth, {{u"parentStorageId"_s, places[c].second}}),
                      request("PATCH", path, auth, {{u"parentStorageId"_s, places[c].first}})});
    }
    const qsizetype n = gets.size();
    const QString c = collection;
    const QList<Operation> operations{
        {u"minimal: HttpServer, fixed JSON"_s, minimalPort, 200,
         [&](int, quint64) {
             return minimalRequest;
         }},
        {u"GET /tasks/{unknown} (auth+txn)"_s, apiPort, 404,
         [&](int, quint64) {
             return unknownTask;
         }},
        {QString(u"GET /"_s + c + u"/{id}"_s), apiPort, 200,
         [&](int client, quint64 i) {
             return gets[qsizetype((i * quint64(clients) + quint64(client)) % n)];
         }},
        {QString(u"GET /"_s + c + u"?pageSize=100"_s), apiPort, 200,
         [&](int, quint64) {
             return list;
         }},
        {QString(u"PATCH /"_s + c + u"/{id} move"_s), apiPort, 200,
         [&](int client, quint64 i) {
             return i % 2 == 0 ? moves[client].first : moves[client].second;
         }},
    };

    std::printf("backend: %s; %d clients (keep-alive, raw HTTP/1.1), %.1f s per operation, "
                "%d %s\n",
                qPrintable(backend), clients, seconds, count, qPrintable(resource));
    std::printf("%-36s %10s %9s %9s %9s %7s\n", "operation", "req/s", "p50 ms", "p99 ms", "vs min",
                "errors");
    double ceiling = 0;
    int failures = 0;
    for (const Operation &op : operations) {
        const Result r = measure(op, clients, seconds);
        if (ceiling == 0)
            ceiling = r.rps;
        std::printf("%-36s %10.0f %9.3f %9.3f %9.3f %7llu\n", qPrintable(op.name), r.rps, r.p50Ms,
                    r.p99Ms, ceiling > 0 ? r.rps / ceiling : 0.0,
                    static_cast<unsigned long long>(r.errors));
        std::fflush(stdout);
        if (r.errors > 0) {
            ++failures;
            std::fprintf(stderr, "  first error: %s\n", r.firstError.left(300).constData());
        }
    }

    QMetaObject::invokeMethod(
        &host,
        [&] {
            minimal.reset();
            server.reset();
        },
        Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return failures == 0 ? 0 : 2;
}
