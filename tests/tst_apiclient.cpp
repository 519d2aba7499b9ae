// The API client against the real lab server, started in-process on port 0 with a temporary
// database, and against sockets that misbehave (refused, silent).
#include "TestLabServer.h"
#include "models/api/ApiClient.h"
#include "models/api/ListPager.h"
#include "models/api/RateLimiter.h"
#include "models/api/RetryPolicy.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using benchtop::test::TestLabServer;

class TestApiClient : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;

    Connection connection(const QString &key = {}) const
    {
        return {m_lab.baseUrl(), key.isNull() ? m_lab.apiKey() : key, 5'000};
    }

    // For the sockets that misbehave on purpose: one attempt, so the first failure is final.
    static void sendOnce(ApiClient &client)
    {
        RetryPolicy policy;
        policy.maxAttempts = 1;
        client.setRetryPolicy(policy);
    }

    static bool waitFor(ApiReply *reply)
    {
        QSignalSpy finished(reply, &ApiReply::finished);
        return finished.wait(10'000) && finished.count() == 1;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_lab.start()); }

    void getsALocation()
    {
        ApiClient client(connection());
        ApiReply *list = client.get(u"/locations"_s, QUrlQuery(u"pageSize=1"_s));
        QVERIFY(!list->isFinished()); // never finishes inside the call
        QVERIFY(waitFor(list));
        QVERIFY2(list->ok(), qPrintable(list->error().displayMessage()));
        const QString id = list->json()[u"locations"_s][0][u"id"_s].toString();

        ApiReply *one = client.get(u"/locations/"_s + id);
        QVERIFY(waitFor(one));
        QVERIFY(one->ok());
        QCOMPARE(one->json()[u"id"_s].toString(), id);
    }

    void queryValuesAreEncoded()
    {
        // '+' must reach the server as a plus, not as a space.
        QString error;
        m_lab.database().exec(u"INSERT INTO resources (kind, id, name, created_at, modified_at) "
                              "VALUES ('location', 'loc_plus0001', 'A+B & C', '2026', '2026')"_s);
        ApiClient client(connection());
        QUrlQuery query;
        query.addQueryItem(u"name"_s, u"A+B & C"_s);
        ApiReply *reply = client.get(u"/locations"_s, query);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->json()[u"locations"_s].toArray().size(), 1);
        m_lab.database().exec(u"DELETE FROM resources WHERE id = 'loc_plus0001'"_s);
    }

    void apiErrorBodyIsTyped()
    {
        ApiClient client(connection());
        ApiReply *reply = client.get(u"/locations/loc_missing1"_s);
        QVERIFY(waitFor(reply));
        QVERIFY(!reply->ok());
        QCOMPARE(reply->error().kind, ApiError::Kind::Api);
        QCOMPARE(reply->error().httpStatus, 404);
        QCOMPARE(reply->error().invalidId, u"loc_missing1"_s);
        QVERIFY(reply->error().displayMessage().contains(u"loc_missing1"_s));
        QVERIFY(!reply->error().isTransient());
    }

    void wrongKeySaysWhatToCheck()
    {
        ApiClient client(connection(u"sk_wrong"_s));
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().httpStatus, 401);
        QVERIFY(reply->error().displayMessage().contains(u"API key"_s));
    }

    void refusedConnectionIsATransportError()
    {
        QTcpServer probe; // find a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(port)), u"k"_s, 5'000});
        sendOnce(client);
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Transport);
        QVERIFY(reply->error().isTransient());
        QVERIFY(reply->error().displayMessage().contains(u"Cannot reach"_s));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), u"k"_s, 300});
        sendOnce(client);
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Timeout);
    }

    void abortIsACancelAndDeletingIsSilent()
    {
        ApiClient client(connection());
        ApiReply *aborted = client.get(u"/locations"_s);
        QSignalSpy finished(aborted, &ApiReply::finished);
        aborted->abort();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(aborted->error().kind, ApiError::Kind::Cancelled);

        auto *owner = new QObject;
        ApiReply *owned = client.get(u"/locations"_s, {}, owner);
        QSignalSpy ownedFinished(owned, &ApiReply::finished);
        delete owner; // the request dies with its owner, without a result
        QTest::qWait(200);
        QCOMPARE(ownedFinished.count(), 0);
    }

    void brokenOffAfterTheHeadersIsTransportOrTimeout_data()
    {
        QTest::addColumn<bool>("closes");
        QTest::addColumn<int>("kind");
        QTest::newRow("connection reset") << true << int(ApiError::Kind::Transport);
        QTest::newRow("stalls") << false << int(ApiError::Kind::Timeout);
    }
    void brokenOffAfterTheHeadersIsTransportOrTimeout()
    {
        // Status line and headers arrive, then the body stops: the transfer failed, whatever
        // the status said; it is not "an answer Benchtop cannot read".
        QFETCH(bool, closes);
        QFETCH(int, kind);
        QTcpServer half;
        QVERIFY(half.listen(QHostAddress::LocalHost));
        connect(&half, &QTcpServer::newConnection, this, [&half, closes] {
            QTcpSocket *socket = half.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, closes] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 1000\r\n\r\n{\"locations\": [");
                socket->flush();
                if (closes)
                    socket->abort();
            });
        });
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(half.serverPort())), u"k"_s, 400});
        sendOnce(client);
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(int(reply->error().kind), kind);
        QVERIFY(reply->error().isTransient());
    }

    void nonJsonSuccessIsAParseError()
    {
        // A web page where an API was expected (a wrong base URL) must not look like data.
        QTcpServer html;
        QVERIFY(html.listen(QHostAddress::LocalHost));
        connect(&html, &QTcpServer::newConnection, this, [&html] {
            QTcpSocket *socket = html.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 6"
                              "\r\nConnection: close\r\n\r\n<html>");
                socket->disconnectFromHost();
            });
        });
        ApiClient client({QUrl(u"http://127.0.0.1:%1"_s.arg(html.serverPort())), u"k"_s, 5'000});
        ApiReply *reply = client.get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Parse);
        QVERIFY(reply->error().displayMessage().contains(u"Benchling API"_s));
    }

    // A 5 Mb genome's JSON (the bases and ~5,000 annotated genes, ~5.5 MB) arrives without
    // stalling the GUI thread: the reply parses it with QtConcurrent and finishes once, on this
    // thread. A 1 ms timer measures the longest gap of this thread's event loop meanwhile; it
    // must stay well under what parsing the same body here takes.
    void largeAnswerIsParsedOffTheGuiThread()
    {
        QRandomGenerator random(4'641'652); // E. coli K-12's length, as a seed
        QByteArray bases(5'000'000, 'A');
        for (char &base : bases)
            base = "ACGT"[random.bounded(4)];
        QJsonArray genes;
        for (int i = 0; i < 5'000; ++i) {
            const int start = i * 1'000;
            genes.append(QJsonObject{{u"name"_s, u"gene%1"_s.arg(i)},
                                     {u"type"_s, u"CDS"_s},
                                     {u"start"_s, start},
                                     {u"end"_s, start + 900},
                                     {u"strand"_s, i % 2 ? -1 : 1},
                                     {u"color"_s, u"#85DAE9"_s}});
        }
        // The server runs on a thread of its own here, as a remote one would: its sending of
        // the answer must not count as the client's stall.
        QThread serverThread;
        serverThread.start();
        QObject serverContext;
        serverContext.moveToThread(&serverThread);
        std::unique_ptr<TestLabServer> lab;
        bool started = false;
        QMetaObject::invokeMethod(
            &serverContext,
            [&] {
                lab = std::make_unique<TestLabServer>();
                started = lab->start();
            },
            Qt::BlockingQueuedConnection);
        const auto stopServer = qScopeGuard([&] {
            QMetaObject::invokeMethod(
                &serverContext, [&] { lab.reset(); }, Qt::BlockingQueuedConnection);
            serverThread.quit();
            serverThread.wait();
        });
        QVERIFY(started);
        ApiClient client(Connection{lab->baseUrl(), lab->apiKey(), 60'000});
        client.setRetryPolicy([] {
            RetryPolicy policy;
            policy.maxAttempts = 1;
            return policy;
        }());
        QJsonObject body{{u"name"_s, u"Genome"_s},
                         {u"bases"_s, QString::fromLatin1(bases)},
                         {u"isCircular"_s, true},
                         {u"annotations"_s, genes}};
        ApiReply *created = client.post(u"/dna-sequences"_s, body);
        QSignalSpy createdSpy(created, &ApiReply::finished);
        QVERIFY(createdSpy.wait(60'000));
        QVERIFY2(created->ok(), qPrintable(created->error().displayMessage()));
        const QString id = created->json()[u"id"_s].toString();
        delete created;

        // The longest stall of this thread while the answer arrives and is parsed.
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longestGapNs = 0;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(1);
        connect(&tick, &QTimer::timeout, &tick, [&] {
            const qint64 now = clock.nsecsElapsed();
            longestGapNs = std::max(longestGapNs, now - last);
            last = now;
        });
        // The noise floor first: the longest gap of an idle event loop over as long a time.
        clock.start();
        tick.start();
        QTest::qWait(300);
        const qint64 idleGapNs = longestGapNs;
        longestGapNs = 0;
        ApiReply *got = client.get(u"/dna-sequences/"_s + id);
        QSignalSpy finished(got, &ApiReply::finished);
        QVERIFY(finished.wait(60'000));
        const qint64 wholeMs = clock.elapsed() - 300;
        tick.stop();
        QVERIFY2(got->ok(), qPrintable(got->error().displayMessage()));
        QCOMPARE(got->json()[u"bases"_s].toString().size(), bases.size());
        QCOMPARE(got->json()[u"annotations"_s].toArray().size(), genes.size());
        QVERIFY(!finished.wait(100)); // exactly once
        QCOMPARE(finished.size(), 1);

        // Parsing the same answer on this thread, best of three.
        const QByteArray answer = QJsonDocument(got->json()).toJson(QJsonDocument::Compact);
        QVERIFY(answer.size() > 5'000'000);
        qint64 parseNs = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer parse;
            parse.start();
            const QJsonDocument document = QJsonDocument::fromJson(answer);
            parseNs = std::min(parseNs, parse.nsecsElapsed());
            QVERIFY(document.isObject());
        }
        qInfo("answer %.1f MB: parse alone %.1f ms; GET to finished %lld ms; longest GUI-thread "
              "stall %.1f ms (idle loop: %.1f ms)",
              double(answer.size()) / 1e6, double(parseNs) / 1e6, wholeMs,
              double(longestGapNs) / 1e6, double(idleGapNs) / 1e6);
        // What the answer adds to the loop's own noise (on a loaded machine an idle loop already
        // misses ~15 ms now and then) stays under half of what parsing it here would block.
        QVERIFY2(longestGapNs < idleGapNs + parseNs / 2,
                 qPrintable(u"stalled %1 ms (idle %2 ms); parsing takes %3 ms"_s
                                .arg(double(longestGapNs) / 1e6)
                                .arg(double(idleGapNs) / 1e6)
                                .arg(double(parseNs) / 1e6)));
        delete got;

        // Deleting a reply while its answer is being parsed is safe, and so is aborting one:
        // that finishes it once, cancelled, and the parse result is dropped.
        for (const bool abortIt : {false, true}) {
            QPointer<ApiReply> reply = client.get(u"/dna-sequences/"_s + id);
            QSignalSpy done(reply.data(), &ApiReply::finished);
            QElapsedTimer deadline;
            deadline.start();
            while (reply && !reply->isFinished() && !reply->findChild<QFutureWatcherBase *>() &&
                   deadline.elapsed() < 60'000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            QVERIFY(reply->findChild<QFutureWatcherBase *>());
            QVERIFY(!reply->isFinished());
            if (abortIt) {
                reply->abort();
                QCOMPARE(done.size(), 1);
                QCOMPARE(reply->error().kind, ApiError::Kind::Cancelled);
                QVERIFY(!done.wait(1'000)); // the parse ends, and changes nothing
                QCOMPARE(done.size(), 1);
                QVERIFY(reply->json().isNull());
                delete reply;
            } else {
                delete reply;
                QTest::qWait(1'000); // the worker finishes on its own copy
            }
        }
    }

    void pagerWalksAllPages()
    {
        ApiClient client(connection());
        ListPager pager(&client, u"/locations"_s, u"locations"_s, QUrlQuery(u"pageSize=15"_s));
        QSignalSpy pages(&pager, &ListPager::pageReady);
        QSet<QString> ids;
        while (pager.hasMore()) {
            pager.fetchNext();
            pager.fetchNext(); // a second call while loading must not fetch twice
            QVERIFY(pages.wait(10'000));
            for (const QJsonValue &location : pages.takeFirst().at(0).toJsonArray())
                ids.insert(location[u"id"_s].toString());
        }
        QCOMPARE(pager.pagesFetched(), 3);
        QCOMPARE(ids.size(), 40);
    }

    void pagerReportsFailure()
    {
        ApiClient client(connection());
        ListPager pager(&client, u"/locations"_s, u"locations"_s, QUrlQuery(u"pageSize=500"_s));
        QSignalSpy failed(&pager, &ListPager::failed);
        pager.fetchNext();
        QVERIFY(failed.wait(10'000));
        QCOMPARE(failed.at(0).at(0).value<ApiError>().httpStatus, 400);
        QVERIFY(pager.hasMore()); // nothing was consumed: a retry starts from the same page
    }

    // --- RetryPolicy and RateLimiter on their own (the fault suite drives them end to end) ---

    void retryAfterIsSecondsOrAnHttpDate()
    {
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 30), Qt::UTC);
        QCOMPARE(RetryPolicy::parseRetryAfter("5", now), std::optional<qint64>(5'000));
        QCOMPARE(RetryPolicy::parseRetryAfter(" 0 ", now), std::optional<qint64>(0));
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now),
                 std::optional<qint64>(30'000));
        // A date already past means "now", not a negative wait.
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now),
                 std::optional<qint64>(0));
        QCOMPARE(RetryPolicy::parseRetryAfter("-3", now), std::nullopt);
        QCOMPARE(RetryPolicy::parseRetryAfter("soon", now), std::nullopt);
        QCOMPARE(RetryPolicy::parseRetryAfter("", now), std::nullopt);
    }

    void backoffIsCappedFullJitter()
    {
        RetryPolicy policy;
        policy.baseDelayMs = 100;
        policy.maxDelayMs = 1'000;
        double unit = 0.5;
        policy.random = [&unit] {
            return unit;
        };
        QCOMPARE(policy.backoffMs(0), 50);
        QCOMPARE(policy.backoffMs(2), 200);
        QCOMPARE(policy.backoffMs(20), 500); // capped at maxDelayMs before the jitter
        unit = 0.0;
        QCOMPARE(policy.backoffMs(3), 0);
        policy.random = nullptr; // the real generator stays inside [0, ceiling]
        for (int i = 0; i < 100; ++i)
            QVERIFY(policy.backoffMs(1) >= 0 && policy.backoffMs(1) <= 200);
    }

    void serverDelayWinsOverBackoff()
    {
        RetryPolicy policy;
        policy.random = [] {
            return 0.5;
        };
        policy.maxRetryAfterMs = 10'000;
        QCOMPARE(policy.delayFor(0, "2", {}), std::optional<int>(2'000));
        QCOMPARE(policy.delayFor(0, {}, "3"), std::optional<int>(3'000));  // x-rate-limit-reset
        QCOMPARE(policy.delayFor(0, "1", "3"), std::optional<int>(1'000)); // Retry-After first
        QCOMPARE(policy.delayFor(0, "60", {}), std::nullopt); // too long: give up, say so
        QCOMPARE(policy.delayFor(1, {}, {}), std::optional<int>(policy.backoffMs(1)));
    }

    void onlySafeWritesAreRepeated_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("idempotent");
        QTest::addColumn<bool>("notProcessed");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<int>("verdict");
        using K = ApiError::Kind;
        using V = RetryPolicy::Verdict;
        QTest::newRow("429 POST") << int(K::Api) << 429 << false << false << 1 << int(V::Retry);
        QTest::newRow("503 POST") << int(K::Http) << 503 << false << false << 1 << int(V::Retry);
        QTest::newRow("502 GET") << int(K::Http) << 502 << true << false << 1 << int(V::Retry);
        QTest::newRow("502 POST") << int(K::Http) << 502 << false << false << 1
                                  << int(V::OutcomeUnknown);
        QTest::newRow("504 POST") << int(K::Http) << 504 << false << false << 1
                                  << int(V::OutcomeUnknown);
        QTest::newRow("refused POST")
            << int(K::Transport) << 0 << false << true << 1 << int(V::Retry);
        QTest::newRow("reset POST")
            << int(K::Transport) << 0 << false << false << 1 << int(V::OutcomeUnknown);
        QTest::newRow("timeout POST")
            << int(K::Timeout) << 0 << false << false << 1 << int(V::OutcomeUnknown);
        QTest::newRow("timeout PATCH")
            << int(K::Timeout) << 0 << true << false << 1 << int(V::Retry);
        QTest::newRow("429 spent") << int(K::Api) << 429 << true << false << 5 << int(V::Fail);
        QTest::newRow("400") << int(K::Api) << 400 << true << false << 1 << int(V::Fail);
        QTest::newRow("500") << int(K::Api) << 500 << true << false << 1 << int(V::Fail);
        QTest::newRow("parse") << int(K::Parse) << 200 << true << false << 1 << int(V::Fail);
        QTest::newRow("cancel") << int(K::Cancelled) << 0 << true << true << 1 << int(V::Fail);
    }
    void onlySafeWritesAreRepeated()
    {
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(bool, idempotent);
        QFETCH(bool, notProcessed);
        QFETCH(int, attempts);
        QFETCH(int, verdict);
        ApiError error;
        error.kind = ApiError::Kind(kind);
        error.httpStatus = status;
        RetryPolicy policy; // maxAttempts 5
        QCOMPARE(int(policy.verdict(error, idempotent, notProcessed, attempts)), verdict);
    }

    void limiterQueuesInOrderAndSkipsTheDead()
    {
        RateLimiter limiter(50.0, 2); // a burst of two, then one every 20 ms
        QList<int> order;
        QElapsedTimer clock;
        clock.start();
        auto *dead = new QObject;
        for (int i = 0; i < 6; ++i)
            limiter.acquire(i == 3 ? dead : this, [&order, i] { order.append(i); });
        QVERIFY(order.isEmpty()); // never inside acquire()
        delete dead;
        QTRY_COMPARE(order, (QList<int>{0, 1, 2, 4, 5}));
        QVERIFY2(clock.elapsed() >= 45, qPrintable(QString::number(clock.elapsed())));

        order.clear();
        limiter.pauseFor(200);
        clock.restart();
        limiter.acquire(this, [&order] { order.append(7); });
        QTRY_COMPARE(order, QList<int>{7});
        QVERIFY2(clock.elapsed() >= 190, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
